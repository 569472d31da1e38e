"""Editing a YAML file in place: change the bytes of the values asked for, and no other byte.

Commands that update a journey someone wrote (``kpi update``, ``import csv --update``)
must not reformat it: every comment, quote, scalar spelling (``1_000.5``, ``~``,
``True``), blank line, line ending and byte-order mark stays as it was.  So they
do not load and dump the file: they read where each value starts and ends (from
the events of the same libyaml parser the loader uses) and splice new text in.

Edits are addressed by key path (``("stages", 0, "touchpoints", 2, "name")``):

* :meth:`YamlEdit.set` replaces a value,
* :meth:`YamlEdit.insert_key` adds a key to a mapping (before a given key, or last),
* :meth:`YamlEdit.insert_item` / :meth:`YamlEdit.append_item` add a list item,
* :meth:`YamlEdit.remove` removes a key or a list item with its whole block.

Edits are applied together by :meth:`YamlEdit.text`; paths always refer to the
original file, so the order of the calls does not matter.  Values written are
spelled so that every YAML reader (1.1 and 1.2) reads them back as intended,
quoting like the file does.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any

from _ruamel_yaml import CParser
from ruamel.yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from cjmkit.fileio import Snapshot
from cjmkit.loader.yaml import resolve_plain

Path = tuple[str | int, ...]


class EditError(Exception):
    """The edit cannot be made without touching more than asked (the caller may fall back or refuse)."""


@dataclass(eq=False, slots=True)
class Node:
    """Where one value stands in the text (character offsets, after any byte-order mark)."""

    kind: str  # "scalar", "map", "seq" or "alias"
    start: int
    end: int
    line: int  # 0-based
    col: int  # 0-based
    flow: bool = False
    style: str = ""  # a scalar's quoting: "", "'", '"', "|" or ">"
    raw: str = ""  # a scalar's text as the parser read it (escapes undone)
    keys: list[Node] = field(default_factory=list)  # a mapping's keys, in order
    values: list[Node] = field(default_factory=list)  # a mapping's values, or a list's items
    in_flow: bool = False  # inside [...] or {...}
    skipped: bool = False  # a collection read past: only where it starts and ends is known

    def keys_raw(self) -> list[str]:
        return [k.raw for k in self.keys]

    def child(self, part: str | int) -> tuple[int, Node] | None:
        if self.kind == "map" and isinstance(part, str):
            for i, key in enumerate(self.keys):
                if key.raw == part:
                    return i, self.values[i]
        elif self.kind == "seq" and isinstance(part, int) and 0 <= part < len(self.values):
            return part, self.values[part]
        return None


def _prefixes(paths: list[Path]) -> set[Path]:
    return {path[:i] for path in paths for i in range(len(path) + 1)}


def _tree(body: str, only: list[Path] | None = None) -> Node:
    """The positions of the values in ``body`` (one YAML document whose root is a mapping).

    With ``only``, just the containers on the way to those paths and everything below them are
    built; any other list or mapping is one node that knows where it starts and ends (a large
    file is edited without a node per value).
    """
    parser = CParser(body)
    on_the_way = _prefixes(only) if only is not None else set()
    below = set(only) if only is not None else set()
    stack: list[tuple[Node, Path, bool]] = []  # a container, its path, and whether all below it is built
    root: Node | None = None
    get_event = parser.get_event
    try:
        while True:
            ev = get_event()
            cls = ev.__class__
            if cls is StreamEndEvent:
                break
            if cls is ScalarEvent or cls is MappingStartEvent or cls is SequenceStartEvent or cls is AliasEvent:
                sm, em = ev.start_mark, ev.end_mark
                if stack:
                    parent, parent_path, everything = stack[-1]
                    in_flow = parent.flow or parent.in_flow
                    is_key = parent.kind == "map" and len(parent.keys) == len(parent.values)
                    if is_key:
                        path = parent_path
                    else:
                        path = (*parent_path, parent.keys[-1].raw if parent.kind == "map" else len(parent.values))
                else:
                    parent, path, everything, in_flow, is_key = None, (), only is None, False, False
                if cls is ScalarEvent:
                    node = Node("scalar", sm.index, em.index, sm.line, sm.column, style=ev.style or "", raw=ev.value)
                elif cls is AliasEvent:
                    node = Node("alias", sm.index, em.index, sm.line, sm.column)
                else:
                    kind = "map" if cls is MappingStartEvent else "seq"
                    node = Node(kind, sm.index, em.index, sm.line, sm.column, flow=bool(ev.flow_style))
                node.in_flow = in_flow
                if parent is None:
                    root = node
                elif is_key:
                    parent.keys.append(node)
                else:
                    parent.values.append(node)
                if cls is MappingStartEvent or cls is SequenceStartEvent:
                    full = everything or path in below
                    if full or path in on_the_way:
                        stack.append((node, path, full))
                    else:
                        node.end = _skip(parser, body, node)
                        node.skipped = True
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                done = stack.pop()[0]
                done.end = ev.end_mark.index
    finally:
        parser.dispose()
    if root is None or root.kind != "map":
        raise EditError("the file's top level is not a mapping")
    return root


def _skip(parser: Any, body: str, node: Node) -> int:
    """Read past the collection ``node`` starts; return where its own text ends."""
    depth, end = 1, node.end
    get_event = parser.get_event
    while depth:
        ev = get_event()
        cls = ev.__class__
        if cls is MappingStartEvent or cls is SequenceStartEvent:
            depth += 1
        elif cls is MappingEndEvent or cls is SequenceEndEvent:
            depth -= 1
            if ev.end_mark.index > ev.start_mark.index:  # a flow collection's closing bracket
                end = ev.end_mark.index
        elif cls is ScalarEvent or cls is AliasEvent:
            end = ev.end_mark.index
            if cls is ScalarEvent and ev.style in ("|", ">"):
                start = ev.start_mark.index
                end = start + len(body[start:end].rstrip())
    return end


# ---------------------------------------------------------------- spelling values

_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
# Plain text that a YAML 1.1 reader would take for a number, date, time or sexagesimal.
_NUMBERISH = re.compile(r"[-+.]?[0-9][0-9_:.a-fA-FxXoObB+\- TtZz]*\Z")
_YAML11_WORDS = {w.lower() for w in ("y", "n", "yes", "no", "on", "off", "true", "false", "null", "=", "<<")}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _plain_ok(text: str, in_flow: bool) -> bool:
    if not text or text != text.strip() or _CONTROL.search(text):
        return False
    if text[0] in _INDICATORS or ": " in text or " #" in text or text.endswith(":"):
        return False
    # PyYAML ends a plain scalar inside [...] or {...} at any of these, even mid-word ('Why?').
    if in_flow and any(c in text for c in ",[]{}?:"):
        return False
    return resolve_plain(text) == text and text.lower() not in _YAML11_WORDS and not _NUMBERISH.match(text)


def _double_quoted(text: str) -> str:
    out = []
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif _CONTROL.match(ch):
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _number(value: int | float) -> str:
    if isinstance(value, int):
        return str(value)
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    if "e" in text and "." not in text.split("e")[0]:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}.0e{exponent}"  # YAML 1.1 reads a float only with a dot
    return text


def spell_scalar(value: Any, *, in_flow: bool = False, quote: str = '"') -> str:
    """``value`` as YAML text that every reader takes for exactly this value."""
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int | float):
        return _number(value)
    if isinstance(value, dt.date):
        # Quoted, as every date cjm writes (see cjmkit.authoring.dates): YAML 1.1 readers would
        # otherwise take it for a timestamp, which the schema's string type rejects.
        return f"{quote}{value.isoformat()}{quote}"
    text = str(value)
    if _plain_ok(text, in_flow):
        return text
    if quote == "'" and "\n" not in text and not _CONTROL.search(text):
        return "'" + text.replace("'", "''") + "'"
    return _double_quoted(text)


# ---------------------------------------------------------------- the editor


@dataclass
class _Style:
    nl: str = "\n"
    map_indent: int = 2  # a nested mapping's keys, right of its parent key
    seq_indent: int = 2  # a list's dashes, right of its parent key (0: dashes under the key)
    quote: str = '"'
    flow_maps: bool = False  # a small mapping of plain values is written {a: 1, b: 2}
    flow_lists: bool = True  # a list of plain values is written [a, b]


def _detect_style(body: str, root: Node) -> _Style:
    style = _Style(nl="\r\n" if "\r\n" in body[: body.find("\n") + 1] else "\n")
    map_seen = seq_seen = False
    quotes = {"'": 0, '"': 0}
    # How the file writes mappings and lists of plain values under a key: flow or block.
    small = {("map", True): 0, ("map", False): 0, ("seq", True): 0, ("seq", False): 0}
    todo = [root]
    while todo:
        node = todo.pop()
        if node.kind == "scalar" and node.style in quotes:
            quotes[node.style] += 1
        if node.kind == "map" and not node.flow:
            for key, value in zip(node.keys, node.values, strict=True):
                if value.kind == "map" and not value.flow and not map_seen:
                    style.map_indent, map_seen = max(1, value.col - key.col), True
                if value.kind == "seq" and not value.flow and not seq_seen:
                    style.seq_indent, seq_seen = max(0, value.col - key.col), True
                if value.kind in ("map", "seq") and value.values and all(v.kind == "scalar" for v in value.values):
                    small[(value.kind, value.flow)] += 1
        todo.extend(node.keys)
        todo.extend(node.values)
    style.quote = "'" if quotes["'"] > quotes['"'] else '"'
    style.flow_maps = small[("map", True)] > small[("map", False)]
    style.flow_lists = small[("seq", True)] >= small[("seq", False)]
    return style


class YamlEdit:
    """A set of edits to one YAML text; :meth:`text` gives the result."""

    def __init__(self, text: str, only: list[Path] | None = None):
        """Edits to ``text``; with ``only``, edits at or below those paths (a large file is read faster)."""
        self.bom = "\ufeff" if text.startswith("\ufeff") else ""
        self.body = text[len(self.bom) :]
        self.root = _tree(self.body, only)
        self.style = _detect_style(self.body, self.root)
        self._splices: list[tuple[int, int, str]] = []

    # ------------------------------------------------------------ locating

    def node(self, path: Path) -> Node:
        node = self.root
        for part in path:
            found = node.child(part)
            if found is None:
                raise EditError(f"the file has no {'.'.join(map(str, path))}")
            node = found[1]
        if node.skipped:
            raise EditError(f"{'.'.join(map(str, path))} was not read for editing")
        if node.kind == "alias":
            raise EditError("the value is an alias of another one")
        return node

    def has(self, path: Path) -> bool:
        try:
            self.node(path)
        except EditError:
            return False
        return True

    def _end(self, node: Node) -> int:
        """Where the node's own text ends (a block collection: its last value; no trailing blank lines)."""
        if node.kind in ("map", "seq") and not node.flow:
            return self._end(node.values[-1]) if node.values else node.end
        if node.kind == "scalar" and node.style in ("|", ">"):
            return node.start + len(self.body[node.start : node.end].rstrip())
        return node.end

    def _line_end(self, pos: int) -> int:
        """The end of the line holding ``pos``, before its line break (so after any comment)."""
        at = self.body.find("\n", pos)
        if at < 0:
            return len(self.body)
        return at - 1 if at > 0 and self.body[at - 1] == "\r" else at

    def _line_start(self, pos: int) -> int:
        return self.body.rfind("\n", 0, pos) + 1

    def _after_line(self, pos: int) -> int:
        """The start of the line after the one holding ``pos``."""
        at = self.body.find("\n", pos)
        return len(self.body) if at < 0 else at + 1

    def _dash(self, item: Node) -> int:
        """The position of the ``-`` of a block list item."""
        at = item.start - 1
        while at >= 0 and self.body[at] == " ":
            at -= 1
        if at < 0 or self.body[at] != "-":
            raise EditError("cannot find the dash of a list item")
        return at

    def _splice(self, start: int, end: int, text: str) -> None:
        self._splices.append((start, end, text))

    # ------------------------------------------------------------ rendering

    def _block(self, value: Any, indent: int) -> list[str]:
        """``value`` (a non-empty list or mapping) as block lines at ``indent``; the first without its indent."""
        pad = " " * indent
        lines: list[str] = []
        if isinstance(value, dict):
            for key, item in value.items():
                entry = self._entry(spell_scalar(str(key), quote=self.style.quote), item, indent)
                lines += [pad + entry[0], *entry[1:]]
        else:
            for item in value:
                if isinstance(item, dict) and item:
                    inner = self._block(item, indent + 2)
                    lines += [pad + "- " + inner[0], *inner[1:]]
                else:
                    text = self._flow(item) if isinstance(item, dict | list) else self._scalar(item)
                    lines.append(pad + "- " + text)
        return [lines[0][indent:], *lines[1:]]

    def _entry(self, head: str, value: Any, indent: int, block: bool = False) -> list[str]:
        """``head: value`` as block lines for a key at ``indent``; the first without its indent.

        A list of plain values is written ``[a, b]`` unless ``block``; lists of mappings always as blocks.
        """
        inner_values = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
        plain = not any(isinstance(v, dict | list) for v in inner_values)
        if isinstance(value, dict) and value and not (plain and self.style.flow_maps and not block):
            inner = self._block(value, indent + self.style.map_indent)
            return [head + ":", " " * (indent + self.style.map_indent) + inner[0], *inner[1:]]
        if isinstance(value, list) and value and (block or not plain or not self.style.flow_lists):
            dash = indent + self.style.seq_indent
            inner = self._block(value, dash)
            return [head + ":", " " * dash + inner[0], *inner[1:]]
        text = self._flow(value) if isinstance(value, dict | list) else self._scalar(value)
        return [f"{head}: {text}"]

    def _flow(self, value: Any) -> str:
        if isinstance(value, dict):
            quote = self.style.quote
            parts = [f"{spell_scalar(k, in_flow=True, quote=quote)}: {self._flow(v)}" for k, v in value.items()]
            return "{" + ", ".join(parts) + "}"
        if isinstance(value, list):
            return "[" + ", ".join(self._flow(v) for v in value) + "]"
        return spell_scalar(value, in_flow=True, quote=self.style.quote)

    def _scalar(self, value: Any, in_flow: bool = False, quote: str | None = None) -> str:
        return spell_scalar(value, in_flow=in_flow, quote=quote or self.style.quote)

    def _lines(self, lines: list[str]) -> str:
        return self.style.nl.join(lines)

    # ------------------------------------------------------------ edits

    def set(self, path: Path, value: Any) -> None:
        """Replace the value at ``path`` (which exists) by ``value``."""
        if not path:
            raise EditError("cannot replace the whole document")
        node = self.node(path)
        parent = self.node(path[:-1])
        collection = isinstance(value, dict | list)
        if node.kind == "scalar" and not collection:
            quote = node.style if node.style in ("'", '"') else None
            if quote is not None and isinstance(value, str):
                # A value the author quoted stays quoted the same way.
                if quote == "'" and not _CONTROL.search(value):
                    self._splice(node.start, node.end, "'" + value.replace("'", "''") + "'")
                else:
                    self._splice(node.start, node.end, _double_quoted(value))
                return
            if node.style in ("|", ">") and isinstance(value, str) and "\n" in value.rstrip("\n"):
                self._splice(node.start, self._end(node), self._literal(value, parent, path[-1]))
                return
            text = self._scalar(value, node.in_flow, quote)
            if node.start == node.end and node.style == "":
                text = " " + text  # an empty value: 'key:' becomes 'key: value'
            self._splice(node.start, self._end(node), text)
            return
        many = bool(value) and collection
        has_blocks = many and (isinstance(value, dict) or any(isinstance(v, dict | list) for v in value))
        stays_flow = node.flow and not (has_blocks and not node.values)  # '[]' may grow into a block
        if node.in_flow or stays_flow or (node.kind == "scalar" and not has_blocks):
            self._splice(node.start, self._end(node), self._flow(value) if collection else self._scalar(value, True))
            return
        # In block context: written as a block (or as '[]' / a scalar right after its key).
        block = node.kind in ("map", "seq") and not node.flow  # a block stays a block
        if parent.kind == "map":
            key = parent.keys[parent.child(path[-1])[0]]  # type: ignore[index]
            head = self.body[key.start : key.end]
            lines = self._entry(head, value, self._indent_of(key), block)
            self._splice(key.start, self._end(node), self._lines(lines))
        else:
            dash = self._dash(node)
            indent = dash - self._line_start(dash)
            if many:
                lines = self._block(value, indent + 2)
            else:
                lines = [self._flow(value) if collection else self._scalar(value)]
            self._splice(node.start, self._end(node), self._lines(lines))

    def _indent_of(self, node: Node) -> int:
        return node.start - self._line_start(node.start)

    def _literal(self, value: str, parent: Node, key: str | int) -> str:
        if parent.kind == "map":
            indent = self._indent_of(parent.keys[parent.child(key)[0]]) + self.style.map_indent  # type: ignore[index]
        else:
            indent = self._indent_of(parent.values[0]) + 2
        chomp = "" if value.endswith("\n") and not value.endswith("\n\n") else "-"
        if value.endswith("\n\n"):
            chomp = "+"
        lines = value.rstrip("\n").split("\n") if chomp != "+" else value[:-1].split("\n")
        pad = " " * indent
        return self._lines([f"|{chomp}", *(pad + line if line else "" for line in lines)])

    def insert_key(self, path: Path, key: str, value: Any, before: str | None = None) -> None:
        """Add ``key: value`` to the mapping at ``path``, before the key ``before`` (or last)."""
        node = self.node(path)
        if node.kind != "map":
            raise EditError(f"{'.'.join(map(str, path)) or 'the document'} is not a mapping")
        if node.child(key) is not None:
            raise EditError(f"the key {key} is already there")
        at = node.child(before)[0] if before is not None and node.child(before) is not None else None  # type: ignore[index]
        if node.flow or node.in_flow:
            entry = f"{spell_scalar(key, in_flow=True, quote=self.style.quote)}: {self._flow(value)}"
            if not node.keys:
                self._splice(node.start + 1, node.start + 1, entry)
            elif at is None:
                end = self._end(node.values[-1])
                self._splice(end, end, ", " + entry)
            else:
                start = node.keys[at].start
                self._splice(start, start, entry + ", ")
            return
        indent = self._indent_of(node.keys[0])
        lines = self._entry(spell_scalar(key, quote=self.style.quote), value, indent)
        first = node.keys[0].start
        if at == 0 and self.body[self._line_start(first) : first].strip():
            # The first key shares its line with a list dash: the new key takes its place.
            self._splice(first, first, self._lines(lines) + self.style.nl + " " * indent)
            return
        self._insert_lines(node, at, " " * indent + self._lines(lines))

    def _insert_lines(self, node: Node, at: int | None, text: str) -> None:
        """Put whole lines ``text`` before entry/item ``at`` of a block collection (None: after the last).

        New lines go right after the line where the previous entry ends, so an edit that removes
        that entry (its lines) and this insertion never touch the same text.
        """
        nl = self.style.nl
        if at == 0:
            first = node.keys[0] if node.kind == "map" else node.values[0]
            pos = self._line_start(self._dash(first) if node.kind == "seq" else first.start)
            self._splice(pos, pos, text + nl)
            return
        previous = (len(node.values) if at is None else at) - 1
        pos = self._after_line(self._end(node.values[previous]))
        if pos == len(self.body) and not self.body.endswith("\n"):
            self._splice(pos, pos, nl + text)
        else:
            self._splice(pos, pos, text + nl)

    def append_item(self, path: Path, value: Any) -> None:
        self.insert_item(path, len(self.node(path).values), value)

    def insert_item(self, path: Path, index: int, value: Any) -> None:
        """Add ``value`` to the list at ``path`` so that it becomes item ``index``."""
        node = self.node(path)
        if node.kind != "seq":
            raise EditError(f"{'.'.join(map(str, path))} is not a list")
        if node.flow or node.in_flow:
            if not node.values and not node.in_flow and isinstance(value, dict) and self.node(path[:-1]).kind == "map":
                self.set(path, [value])  # 'touchpoints: []' becomes a block list
                return
            text = self._flow(value)
            if not node.values:
                self._splice(node.start + 1, node.start + 1, text)
            elif index >= len(node.values):
                end = self._end(node.values[-1])
                self._splice(end, end, ", " + text)
            else:
                start = node.values[index].start
                self._splice(start, start, text + ", ")
            return
        dash = self._dash(node.values[0])
        indent = dash - self._line_start(dash)
        lines = self._block([value], indent)
        self._insert_lines(node, index if index < len(node.values) else None, " " * indent + self._lines(lines))

    def remove(self, path: Path) -> None:
        """Remove the key or list item at ``path`` with all of its lines."""
        if not path:
            raise EditError("cannot remove the whole document")
        parent = self.node(path[:-1])
        found = parent.child(path[-1])
        if found is None:
            raise EditError(f"the file has no {'.'.join(map(str, path))}")
        index, node = found
        if (parent.kind == "map" and len(parent.keys) == 1) or (parent.kind == "seq" and len(parent.values) == 1):
            if len(path) < 2:
                raise EditError("cannot remove the last key of the document")
            self.set(path[:-1], {} if parent.kind == "map" else [])
            return
        if parent.flow or parent.in_flow:
            start = parent.keys[index].start if parent.kind == "map" else node.start
            end = self._end(node)
            if index + 1 < len(parent.values):
                nxt = parent.keys[index + 1] if parent.kind == "map" else parent.values[index + 1]
                self._splice(start, nxt.start, "")
            else:
                prev = self._end(parent.values[index - 1])
                self._splice(prev, end, "")
            return
        first = parent.keys[index].start if parent.kind == "map" else self._dash(node)
        line_start = self._line_start(first)
        if self.body[line_start:first].strip():
            raise EditError("the item does not start its own line")
        end = self._after_line(self._end(node))
        blank_before = line_start > 0 and self._blank_line_at(self._line_start(line_start - 1))
        if blank_before and self._blank_line_at(end):
            end = self._after_line(end)  # the blank line that set the item apart goes with it
        elif blank_before and end >= len(self.body):
            line_start = self._line_start(line_start - 1)
        self._splice(line_start, end, "")

    # ------------------------------------------------------------ moving list items as text

    def item_span(self, path: Path) -> tuple[int, int, int]:
        """Where the block list item at ``path`` stands as whole lines: (start, end, indent of its dash).

        The comment lines right above it at its dash's indent, and those right after it indented
        deeper, are its own: they move with it.
        """
        parent = self.node(path[:-1])
        node = self.node(path)
        if parent.kind != "seq" or parent.flow or parent.in_flow:
            raise EditError(f"{'.'.join(map(str, path))} is not an item of a block list")
        dash = self._dash(node)
        start = self._line_start(dash)
        if self.body[start:dash].strip():
            raise EditError("the item does not start its own line")
        indent = dash - start
        while start > 0:
            above = self._line_start(start - 1)
            line = self.body[above : self._line_end(above)]
            if not (line.lstrip().startswith("#") and len(line) - len(line.lstrip()) == indent):
                break
            start = above
        end = self._after_line(self._end(node))
        while end < len(self.body):
            line = self.body[end : self._line_end(end)]
            if not (line.lstrip().startswith("#") and len(line) - len(line.lstrip()) > indent):
                break
            end = self._after_line(end)
        return start, end, indent

    def item_lines(self, path: Path) -> list[str]:
        """The lines of the block list item at ``path`` (see :meth:`item_span`), its dash at column 0."""
        start, end, indent = self.item_span(path)
        lines = [line.rstrip("\r") for line in self.body[start:end].split("\n")]
        if lines and lines[-1] == "":
            lines.pop()
        return [line[indent:] if line[:indent].strip() == "" else line.lstrip() for line in lines]

    def take_item(self, path: Path) -> None:
        """Remove the item at ``path`` with the lines :meth:`item_span` gives it (another item of the list stays)."""
        start, end, _ = self.item_span(path)
        blank_before = start > 0 and self._blank_line_at(self._line_start(start - 1))
        if blank_before and self._blank_line_at(end):
            end = self._after_line(end)  # the blank line that set the item apart goes with it
        self._splice(start, end, "")

    def _pad(self, lines: list[str], indent: int) -> str:
        return self._lines([" " * indent + line if line.strip() else "" for line in lines])

    def insert_item_lines(self, path: Path, before: int | None, lines: list[str]) -> None:
        """Put item ``lines`` (dash at column 0) into the block list at ``path``.

        They go right before item ``before`` and its comments, or after the last item (None).
        """
        node = self.node(path)
        if node.kind != "seq" or node.flow or node.in_flow or not node.values:
            raise EditError(f"{'.'.join(map(str, path))} is not a block list with items")
        start, end, indent = self.item_span((*path, len(node.values) - 1 if before is None else before))
        at = end if before is None else start
        text = self._pad(lines, indent) + self.style.nl
        if at == len(self.body) and not self.body.endswith("\n"):
            text = self.style.nl + self._pad(lines, indent)
        self._splice(at, at, text)

    def replace_list_with_lines(self, path: Path, items: list[list[str]], through: int | None = None) -> None:
        """Make the value of key ``path`` (a list, empty or not, or nothing) a block list of ``items``.

        ``through``: where the text the list leaves behind ends, when it is longer than the value
        (its last item's trailing comments, as :meth:`item_span` counts them).
        """
        mapping = self.node(path[:-1])
        found = mapping.child(path[-1])
        if mapping.kind != "map" or mapping.flow or mapping.in_flow:
            raise EditError(f"{'.'.join(map(str, path[:-1]))} is not a block mapping")
        if found is None:
            indent = self._indent_of(mapping.keys[0])
            head = spell_scalar(str(path[-1]), quote=self.style.quote) + ":"
            nested = [" " * self.style.seq_indent + line if line.strip() else "" for item in items for line in item]
            self._insert_lines(mapping, None, self._pad([head, *nested], indent))
            return
        key = mapping.keys[found[0]]
        indent = self._indent_of(key) + self.style.seq_indent
        body = [line for item in items for line in item]
        text = self.body[key.start : key.end] + ":" + (self.style.nl + self._pad(body, indent) if body else " []")
        end = self._end(found[1])
        if through is not None and through > end:
            end = through
            text += self.style.nl
        self._splice(key.start, end, text)

    def _blank_line_at(self, pos: int) -> bool:
        if pos >= len(self.body):
            return False
        return not self.body[pos : self._line_end(pos)].strip()

    # ------------------------------------------------------------ result

    @property
    def changed(self) -> bool:
        return bool(self._splices)

    def text(self) -> str:
        """The file with every edit applied; EditError if two edits overlap."""
        pieces = [self.bom]
        at = 0
        # Stable sort: insertions at the same place come out in the order they were asked for.
        for start, end, new in sorted(self._splices, key=lambda s: (s[0], s[1])):
            if start < at:
                raise EditError("two edits touch the same text")
            pieces += [self.body[at:start], new]
            at = end
        pieces.append(self.body[at:])
        return "".join(pieces)


def read_for_edit(path: Any, shown: str) -> tuple[str, Snapshot]:
    """The text of a file to edit in place (BOM and line ends kept) and its snapshot; or LoadError.

    Problems are reported as the loader reports them (too large, not UTF-8, unreadable).
    """
    from cjmkit.diagnostics import Diagnostic
    from cjmkit.fileio import NotAFileError, read_bytes_for_update
    from cjmkit.loader import LoadError
    from cjmkit.loader.yaml import MAX_FILE_BYTES, parse_bytes, read_text

    try:
        raw, snapshot = read_bytes_for_update(path)
    except NotAFileError:
        message = "this is not a regular file; cjm only edits regular files in place"
        raise LoadError([Diagnostic(code="E100", message=message, path=shown)]) from None
    except OSError:
        read_text(path, shown)  # raises the loader's LoadError for a folder, a missing or unreadable file
        raise LoadError([Diagnostic(code="E100", message="cannot read the file", path=shown)]) from None
    if len(raw) > MAX_FILE_BYTES:
        parse_bytes(raw, shown)  # raises the size error
    try:
        return raw.decode("utf-8"), snapshot
    except UnicodeDecodeError:
        parse_bytes(raw, shown)  # raises the decoding error, with its line and column
        raise
