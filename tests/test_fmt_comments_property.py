"""Property: fmt keeps every comment next to what it describes, keeps the data, and is idempotent.

The maps are generated with their keys in random order, lists indented either
way YAML allows, odd scalar spellings, and comments in every place the grammar
allows one: before the document and after ``---``, at the end of a line, on
their own line before a key or a list item at every depth, indented deeper at
the end of an item, inside flow collections, and at the end of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from cjmkit.authoring.fmt import format_text, same_data
from cjmkit.authoring.layout import is_tidy, lay_out
from cjmkit.loader import parse
from cjmkit.model.journey import Journey
from tests.fuzz.profiles import FUZZ

ODD_SCALARS = ["1_000.5", "+12", "~", "True", ".nan", "2001-12-14 21:59:43.10 -5", "0x1F", "'yes'", '"a # b"']
COMMENT = re.compile(r"# c\d+")


@dataclass
class Writer:
    draw: Any
    lines: list[str] = field(default_factory=list)
    # comment text -> (kind, path): "lead" comments must stay right above the key or item at path,
    # "eol" ones on its line, "top" ones above the first key, "end" ones below the last line.
    where: dict[str, tuple[str, tuple[Any, ...]]] = field(default_factory=dict)

    def comment(self, kind: str, path: tuple[Any, ...]) -> str:
        text = f"# c{len(self.where)}"
        self.where[text] = (kind, path)
        return text

    def maybe_lead(self, col: int, path: tuple[Any, ...]) -> None:
        if self.draw(st.integers(0, 3)) == 0:
            if self.draw(st.booleans()):
                self.lines.append("")
            self.lines.append(" " * col + self.comment("lead", path))

    def eol(self, path: tuple[Any, ...]) -> str:
        return "  " + self.comment("eol", path) if self.draw(st.integers(0, 3)) == 0 else ""


def scalar_entries(w: Writer, prefix: str, values: dict[str, str]) -> list[tuple[str, Any]]:
    extra = w.draw(st.lists(st.sampled_from(ODD_SCALARS), max_size=2))
    return [*values.items(), *((f"x-{prefix}{i}", v) for i, v in enumerate(extra))]


def write_map(w: Writer, entries: list[tuple[str, Any]], col: int, path: tuple[Any, ...], dash: int | None) -> None:
    """A block mapping at ``col``; with ``dash``, its first key goes on a list item's dash line."""
    order = w.draw(st.permutations(entries))
    for n, (key, value) in enumerate(order):
        here = (*path, key)
        if n > 0:
            w.maybe_lead(col, here)
        elif dash is None and w.draw(st.booleans()):
            # Above a block's first key: about the whole block (the file, at the top), so it stays first.
            w.lines.append(" " * col + w.comment("top", path))
        prefix = " " * dash + "- " if (n == 0 and dash is not None) else " " * col
        if isinstance(value, list):
            w.lines.append(f"{prefix}{key}:" + w.eol(here))
            write_seq(w, value, col + w.draw(st.sampled_from([0, 2])), here)
        else:
            w.lines.append(f"{prefix}{key}: {value}" + w.eol(here))
    if w.draw(st.integers(0, 4)) == 0:
        w.lines.append(" " * (col + 2) + w.comment("keep", path))  # deeper: stays at the end of this item


def write_seq(w: Writer, items: list[Any], col: int, path: tuple[Any, ...]) -> None:
    for i, item in enumerate(items):
        here = (*path, i)
        w.maybe_lead(col, here)
        if isinstance(item, str):  # a stage written as a flow mapping over several lines
            w.lines.append(" " * col + "- {" + item.split("\n")[0])
            w.lines.append(" " * (col + 2) + w.comment("flow", here))
            w.lines.append(" " * (col + 2) + item.split("\n")[1] + "}")
        else:
            write_map(w, item, col + 2, here, dash=col)


@st.composite
def commented_maps(draw: Any) -> tuple[str, dict[str, tuple[str, tuple[Any, ...]]]]:
    w = Writer(draw)
    for _ in range(draw(st.integers(0, 2))):
        w.lines.append(w.comment("top", ()))
    if draw(st.booleans()):
        w.lines.append("---" + ("  " + w.comment("top", ()) if draw(st.booleans()) else ""))
    stages: list[Any] = []
    for s in range(draw(st.integers(1, 3))):
        if draw(st.integers(0, 4)) == 0:
            stages.append(f"id: s{s},\nname: Stage {s}")
            continue
        stage = scalar_entries(w, "s", {"id": f"s{s}", "name": f"Stage {s}"})
        tps = []
        for t in range(draw(st.integers(0, 2))):
            values = {"id": f"t{s}-{t}", "name": f"Step {t}"}
            if draw(st.booleans()):
                values["emotion"] = str(draw(st.integers(-2, 2)))
            tps.append(scalar_entries(w, "t", values))
        if tps:
            stage.append(("touchpoints", tps))
        stages.append(stage)
    root: list[tuple[str, Any]] = [("cjm", "1"), ("id", "j"), ("title", "A journey"), ("stages", stages)]
    if draw(st.booleans()):
        root.append(("personas", "[]"))
    root = scalar_entries(w, "r", dict(root[:3])) + root[3:]
    write_map(w, root, 0, (), dash=None)
    text = "\n".join(w.lines) + "\n"
    if "personas: []\n" in text and draw(st.booleans()):
        text = text.replace("personas: []\n", "personas: [\n  " + w.comment("flow", ()) + "\n]\n", 1)
    if draw(st.booleans()):
        text += w.comment("end", ()) + "\n"
    return text, w.where


def content_lines(text: str) -> list[int]:
    """1-based numbers of the lines that hold YAML content (not blank, not only a comment, not ---)."""
    out = []
    for n, line in enumerate(text.split("\n"), 1):
        s = line.strip()
        if s and not s.startswith("#") and not s.startswith("---"):
            out.append(n)
    return out


def line_of(doc: Any, path: tuple[Any, ...]) -> int:
    return int(doc.locate(path, key=bool(path) and isinstance(path[-1], str))[0])


@FUZZ
@given(commented_maps())
def test_fmt_keeps_each_comment_next_to_its_item_and_the_data(case: tuple[str, dict[str, Any]]) -> None:
    text, where = case
    result = format_text(text, "map.cjm.yaml")
    assert result.ok, [d.message for d in result.diagnostics]
    out = result.formatted
    assert sorted(COMMENT.findall(out)) == sorted(COMMENT.findall(text)) == sorted(where)
    doc = parse(out)
    assert same_data(doc.data, parse(text).data)
    lines = out.split("\n")
    content = content_lines(out)
    for n, line in enumerate(lines, 1):
        found = COMMENT.search(line)
        if not found:
            continue
        kind, path = where[found.group(0)]
        if kind == "eol":
            assert n == line_of(doc, path), (found.group(0), out)
        elif kind == "lead":
            following = next(c for c in content if c > n)
            assert following == line_of(doc, path), (found.group(0), out)
        elif kind == "top":
            assert n < content[0], out
        elif kind == "end":
            assert n > content[-1], out
    again = format_text(out, "map.cjm.yaml")
    assert again.ok and again.formatted == out, "fmt is not idempotent"


@FUZZ
@given(commented_maps())
def test_a_file_called_tidy_is_one_fmt_would_not_change(case: tuple[str, dict[str, Any]]) -> None:
    text, _ = case
    for version in (text, lay_out(text, Journey)):
        if is_tidy(parse(version), Journey):
            assert lay_out(version, Journey) == version
    assert is_tidy(parse(lay_out(text, Journey)), Journey)
