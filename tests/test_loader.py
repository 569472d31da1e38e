"""The YAML loader: plain data, YAML 1.2 scalars, and a position for every key and value."""

from __future__ import annotations

import pytest

from cjmkit.loader import LoadError, parse

TEXT = """\
cjm: 1
id: tour
stages:
  - id: research
    touchpoints:
      - id: search
        emotion: -2
        moment_of_truth: true
        next: [book, pay]
"""


def test_positions_of_values_and_keys() -> None:
    doc = parse(TEXT, "t.cjm.yaml")
    assert doc.locate(("stages", 0, "touchpoints", 0, "emotion")) == (7, 18)
    assert doc.locate(("stages", 0, "touchpoints", 0, "emotion"), key=True) == (7, 9)
    assert doc.locate(("stages", 0, "touchpoints", 0, "next", 1)) == (9, 22)
    assert doc.locate(("stages", 0)) == (4, 5)


def test_locate_falls_back_to_deepest_existing_container() -> None:
    doc = parse(TEXT, "t.cjm.yaml")
    # 'name' is missing: point at the stage item, where the user must add it.
    assert doc.locate(("stages", 0, "name")) == (4, 5)
    assert doc.locate(("stages", 5, "id")) == (4, 3)


def test_yaml_12_scalars() -> None:
    doc = parse("a: off\nb: no\nc: yes\nd: true\ne: 0x1F\nf: 1.5\ng: ~\nh: '12'\ni: 2026-10-14\nj: .inf\n")
    assert doc.data == {
        "a": "off",
        "b": "no",
        "c": "yes",
        "d": True,
        "e": 31,
        "f": 1.5,
        "g": None,
        "h": "12",
        "i": "2026-10-14",
        "j": float("inf"),
    }


def test_keys_stay_text() -> None:
    assert parse("1: a\ntrue: b\nnull: c\n").data == {"1": "a", "true": "b", "null": "c"}


def test_standard_tags_are_allowed() -> None:
    assert parse("a: !!str 12\nb: !!int '7'\n").data == {"a": "12", "b": 7}


def test_aliases_share_values_without_copying() -> None:
    doc = parse("base: &b {team: web}\none: *b\ntwo: *b\n")
    assert doc.data["one"] is doc.data["two"] is doc.data["base"]


def test_all_problems_collected_before_failing() -> None:
    with pytest.raises(LoadError) as err:
        parse("a: 1\na: 2\nb: !!python/name:os.system x\nc: 3\nc: 4\n", "x.yaml")
    codes = [(d.code, d.line) for d in err.value.diagnostics]
    assert codes == [("E111", 2), ("E114", 3), ("E111", 5)]


def test_complex_key_refused() -> None:
    with pytest.raises(LoadError) as err:
        parse("? [a, b]\n: c\n")
    assert err.value.diagnostics[0].code == "E118"


def test_recursive_alias_refused() -> None:
    with pytest.raises(LoadError) as err:
        parse("a: &a [1, *a]\n")
    assert err.value.diagnostics[0].code == "E115"
