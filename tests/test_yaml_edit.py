"""The in-place YAML writer: each edit changes its own bytes and no other."""

from __future__ import annotations

import pytest

from cjmkit.authoring.yaml_edit import EditError, YamlEdit, spell_scalar
from cjmkit.loader import parse

DOC = """\
# top
cjm: 1
id: j   # the id
x-odd: 1_000.5
stages:
  # first
  - id: a
    name: 'A'
    touchpoints: []

  - id: b
    name: B
    quotes: [one, two]
"""


@pytest.mark.parametrize(
    "value",
    [
        "yes",
        "no",
        "on",
        "2024-01-01",
        "0b101",
        "1_000",
        "12",
        "1.5",
        "~",
        "null",
        "true",
        "",
        " x",
        "a: b",
        "a #b",
        "- x",
        "@x",
        "é",
        "line\nbreak",
        "'",
        '"',
        "[x]",
        "1:20",
        "0x1F",
        ".nan",
    ],
)
def test_spelled_text_reads_back_as_text(value: str) -> None:
    text = f"k: {spell_scalar(value)}\nf: [{spell_scalar(value, in_flow=True)}]\n"
    data = parse(text).data
    assert data == {"k": value, "f": [value]}


@pytest.mark.parametrize("value", [0, -3, 12.5, 1e20, 1e-7, True, False, None])
def test_spelled_values_read_back_as_themselves(value: object) -> None:
    data = parse(f"k: {spell_scalar(value)}\n").data
    # The loader keeps a number's spelling ('1.0e+20') in a float subclass, so that fmt can write it back.
    read = data["k"]
    assert read == value and isinstance(read, type(value)) and isinstance(read, bool) == isinstance(value, bool)


def test_set_keeps_everything_around_the_value() -> None:
    edit = YamlEdit(DOC)
    edit.set(("stages", 0, "name"), "A new")
    assert edit.text() == DOC.replace("name: 'A'", "name: 'A new'")


def test_remove_an_item_takes_its_lines_and_one_blank_line() -> None:
    edit = YamlEdit(DOC)
    edit.remove(("stages", 1))
    assert edit.text() == DOC.split("\n  - id: b")[0].rstrip("\n") + "\n"


def test_append_to_an_empty_flow_list_makes_a_block_list() -> None:
    edit = YamlEdit(DOC)
    edit.append_item(("stages", 0, "touchpoints"), {"id": "t", "name": "T"})
    out = edit.text()
    assert "    touchpoints:\n      - id: t\n        name: T\n\n  - id: b" in out
    assert parse(out).data["stages"][0]["touchpoints"] == [{"id": "t", "name": "T"}]


def test_insert_key_and_item_in_order_keep_line_ends_and_bom() -> None:
    text = "\ufeff" + DOC.replace("\n", "\r\n")
    edit = YamlEdit(text)
    edit.insert_key(("stages", 1), "owner", "web", before="quotes")
    edit.insert_item(("stages", 1, "quotes"), 1, "one and a half")
    edit.insert_item(("stages",), 1, {"id": "mid", "name": "Mid"})
    out = edit.text()
    assert out.startswith("\ufeff# top\r\n")
    assert out.count("\n") == out.count("\r\n")
    data = parse(out).data
    assert [s["id"] for s in data["stages"]] == ["a", "mid", "b"]
    assert data["stages"][2]["owner"] == "web"
    assert data["stages"][2]["quotes"] == ["one", "one and a half", "two"]
    assert "x-odd: 1_000.5\r\n" in out and "id: j   # the id\r\n" in out


def test_two_edits_of_the_same_value_are_refused() -> None:
    edit = YamlEdit(DOC)
    edit.set(("id",), "k")
    edit.set(("id",), "m")
    with pytest.raises(EditError):
        edit.text()
