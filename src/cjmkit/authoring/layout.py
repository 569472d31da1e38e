"""Laying a YAML file out by moving whole lines: canonical key order and indentation, nothing else.

``cjm fmt`` must never lose a comment or respell a value, so it does not
rebuild the file from data.  It reads where every block mapping entry and list
item starts and ends (from the events of the libyaml parser), cuts the file
into the line ranges that belong to each entry, and puts the ranges back in the
canonical order with canonical indentation:

* keys of a block mapping in the order of the model, unknown keys (``x-``)
  after the known ones in the order they were written;
* keys of a one-line flow mapping (``{customer: 4, company: 2}``) likewise;
* two spaces per mapping level, list dashes two spaces under their key, one
  space after a dash.

A comment or blank line moves with the entry it leads into; a comment indented
deeper than the next key stays with the entry above it.  Every other byte of a
line (values as spelled, quotes, flow collections, end-of-line comments, line
endings) is copied as it was; only the spaces in front of a line change.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from _ruamel_yaml import CParser
from pydantic import BaseModel
from ruamel.yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)

from cjmkit.authoring.keyorder import child_model, field_rank
from cjmkit.loader import Document

#: The line breaks libyaml counts lines by (so its line numbers match ours).
_LINE = re.compile(r"[^\r\n\x85\u2028\u2029]*(?:\r\n|[\r\n\x85\u2028\u2029]|\Z)")


class LayoutError(Exception):
    """The file uses a construct whose layout cjm does not change safely; the message says which."""


@dataclass(slots=True)
class _Leaf:
    """A scalar, alias or flow collection: copied as written (lines ``first``..``last``)."""

    first: int
    last: int
    col: int
    # One-line flow mapping entries: (key, start column of the key, end column of the value).
    flow_entries: list[tuple[str, int, int]] | None = None
    flow_nested: bool = False
    model: type[BaseModel] | None = None
    empty: bool = False  # an empty (null) value: libyaml's marks for it may point at the next token


@dataclass(slots=True)
class _Entry:
    head: int  # line of the key, or of the dash
    col: int  # column of the key, or of the dash
    key: str | None
    value: Any = None  # _Leaf | _Block
    value_col: int = 0  # for a list item: where its value starts on the dash line
    gap: tuple[int, int] | None = None  # spaces between a key's colon and its value, to become one
    end: int = 0  # last line of the entry's own content (value and deeper comments)
    lead: tuple[int, int] = (0, 0)  # [start, stop) of the lines that lead into it


@dataclass(slots=True)
class _Block:
    is_map: bool
    col: int
    model: type[BaseModel] | None
    entries: list[_Entry] = field(default_factory=list)
    start: int = 0  # first line (after the parent's head line, or the head line when compact)
    end: int = 0  # last line
    compact: bool = False  # starts on its parent list item's dash line ("- id: x")
    dash_line: int = -1  # the line of the list dash in front of it, when it is a list item


class _Source:
    """The text as lines, each with its own line break, numbered as libyaml numbers them."""

    def __init__(self, text: str):
        self.lines: list[str] = []
        self.breaks: list[str] = []
        for m in _LINE.finditer(text):
            whole = m.group(0)
            if not whole:
                break
            body = whole.rstrip("\r\n\x85\u2028\u2029")
            self.lines.append(body)
            self.breaks.append(whole[len(body) :])

    def indent(self, line: int) -> int:
        s = self.lines[line]
        return len(s) - len(s.lstrip(" "))

    def is_blank(self, line: int) -> bool:
        return not self.lines[line].strip()

    def is_comment(self, line: int) -> bool:
        return self.lines[line].lstrip().startswith("#")


def _find_dash(src: _Source, line: int, col: int) -> tuple[int, int]:
    """The list dash at or after (line, col), skipping spaces, comments, anchors and tags."""
    lines = src.lines
    while line < len(lines):
        text = lines[line]
        while col < len(text):
            ch = text[col]
            if ch in " \t":
                col += 1
            elif ch == "-":
                return line, col
            elif ch in "&!":
                while col < len(text) and text[col] not in " \t":
                    col += 1
            else:
                break  # a comment, or something unexpected: go on with the next line
        line, col = line + 1, 0
    raise LayoutError("a list item's dash could not be found")


def _build(src: _Source, text: str, model: type[BaseModel] | None) -> Any:
    """The tree of blocks and leaves from libyaml's events."""
    parser = CParser(text)
    try:
        return _build_events(src, parser, model)
    finally:
        parser.dispose()


def _leaf_last(src: _Source, first: int, end_line: int, end_col: int) -> int:
    """The last line a scalar or flow collection covers (libyaml's end mark may sit on the next line)."""
    if end_line > first and end_line < len(src.lines) and end_col <= src.indent(end_line):
        end_line -= 1
    return max(first, min(end_line, len(src.lines) - 1))


def _build_events(src: _Source, parser: Any, root_model: type[BaseModel] | None) -> Any:
    get = parser.get_event
    # Open containers: [node, model, pending key (str, line, col) or None, previous end (line, col)]
    stack: list[list[Any]] = []
    root: Any = None

    def attach(node: Any, line: int, col: int, end: tuple[int, int]) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        top = stack[-1]
        parent = top[0]
        if isinstance(parent, _Block) and parent.is_map:
            key, kl, kc, kend = top[2]
            entry = _Entry(kl, kc, key, node)
            between = src.lines[kl][kend:col] if line == kl else ""
            if between[:1] == ":" and between[1:] != " " and not between[1:].strip(" \t") and between[1:]:
                entry.gap = (kend + 1, col)
            parent.entries.append(entry)
            top[2] = None
        elif isinstance(parent, _Block):
            dl, dc = _find_dash(src, *top[3])
            if src.lines[dl][:dc].strip() and (parent.entries or parent.dash_line != dl):
                raise LayoutError(f"line {dl + 1}: a list item after something else on its line")
            inline = line == dl and not (isinstance(node, _Leaf) and node.empty)
            parent.entries.append(_Entry(dl, dc, None, node, value_col=col if inline else -1))
        if isinstance(node, _Leaf) and node.empty:
            node.first = node.last = parent.entries[-1].head
        top[3] = end

    while True:
        ev = get()
        cls = ev.__class__
        if cls is StreamEndEvent:
            break
        if cls is ScalarEvent or cls is AliasEvent or cls is MappingStartEvent or cls is SequenceStartEvent:
            sm = ev.start_mark
            line, col = sm.line, sm.column
            top = stack[-1] if stack else None
            parent = top[0] if top else None
            model = top[1] if top else root_model
            if isinstance(parent, _Block) and parent.is_map and top is not None and top[2] is None:
                # A key.
                if cls is not ScalarEvent:
                    raise LayoutError(f"line {line + 1}: a key that is not plain text")
                em = ev.end_mark
                if em.line != line:
                    raise LayoutError(f"line {line + 1}: a key written over several lines")
                before = src.lines[line][:col]
                # Only a list item's dashes may stand before the first key on its line ("- id:", "- - id:").
                if before.strip() and (parent.entries or set(before) - {" ", "-"}):
                    raise LayoutError(f"line {line + 1}: an explicit key ('? key')")
                top[2] = (ev.value, line, col, em.column)
                continue
            sub = model
            if isinstance(parent, _Block) and parent.is_map and top is not None:
                key = top[2][0]
                sub = _child_model(model, key) if model is not None and isinstance(key, str) else None
            em = ev.end_mark
            if cls is ScalarEvent or cls is AliasEvent:
                if cls is ScalarEvent and not ev.style and ev.value == "" and stack:
                    node: Any = _Leaf(line, line, col, empty=True)
                else:
                    node = _Leaf(line, _leaf_last(src, line, em.line, em.column), col)
                attach(node, line, col, (em.line, em.column))
                continue
            if ev.flow_style:
                leaf = _Leaf(line, line, col, model=sub)
                if cls is MappingStartEvent:
                    leaf.flow_entries = []
                flow_depth = 1
                # Read the flow collection to its end, noting the entries of a one-line flow mapping.
                pending_key: tuple[str, int] | None = None
                while flow_depth:
                    fev = get()
                    fcls = fev.__class__
                    if fcls is MappingEndEvent or fcls is SequenceEndEvent:
                        flow_depth -= 1
                        if flow_depth == 0:
                            e = fev.end_mark
                            leaf.last = _leaf_last(src, line, e.line, e.column)
                            attach(leaf, line, col, (e.line, e.column))
                        elif flow_depth == 1 and leaf.flow_entries is not None and pending_key is not None:
                            leaf.flow_entries.append((pending_key[0], pending_key[1], fev.end_mark.column))
                            pending_key = None
                        continue
                    if fcls is MappingStartEvent or fcls is SequenceStartEvent:
                        leaf.flow_nested = True
                        if flow_depth == 1 and leaf.flow_entries is not None and pending_key is None:
                            leaf.flow_entries = None  # a collection as a key
                        flow_depth += 1
                        continue
                    if flow_depth == 1 and leaf.flow_entries is not None:
                        if pending_key is None:
                            if fcls is not ScalarEvent:
                                leaf.flow_entries = None
                            else:
                                pending_key = (fev.value, fev.start_mark.column)
                        else:
                            if fcls is ScalarEvent and not fev.style and fev.value == "":
                                leaf.flow_entries = None  # "{a, b: 1}": an entry without a value
                            else:
                                leaf.flow_entries.append((pending_key[0], pending_key[1], fev.end_mark.column))
                            pending_key = None
                continue
            block = _Block(cls is MappingStartEvent, col, sub)
            if top is not None and isinstance(parent, _Block) and not parent.is_map:
                block.dash_line = _find_dash(src, *top[3])[0]
            attach(block, line, col, (line, col))
            stack.append([block, sub, None, (line, col)])
            continue
        if cls is MappingEndEvent or cls is SequenceEndEvent:
            node, _, _, _ = stack.pop()
            node.col = node.entries[0].col
            node.compact = node.entries[0].head == node.dash_line
            if stack:
                stack[-1][3] = (ev.end_mark.line, ev.end_mark.column)
    return root


# -- which lines belong to which entry -------------------------------------------------------


def _deeper_comments(src: _Source, start: int, stop: int, col: int) -> int:
    """The end of the run of comment lines (and blank lines between them) from ``start`` that are
    indented deeper than ``col``: they belong to what is above them."""
    keep = start
    for i in range(start, stop):
        if src.is_blank(i):
            continue
        if src.is_comment(i) and src.indent(i) > col:
            keep = i + 1
        else:
            break
    return keep


def _assign(src: _Source, block: _Block, start: int, limit: int) -> None:
    """Work out the line ranges of ``block``'s entries; ``limit`` is the first line it cannot reach."""
    block.start = start
    entries = block.entries
    for i, entry in enumerate(entries):
        entry.lead = (start, entry.head) if i == 0 else (entries[i - 1].end + 1, entry.head)
        stop = entries[i + 1].head if i + 1 < len(entries) else limit
        value = entry.value
        if isinstance(value, _Block):
            value_start = entry.head if value.compact else entry.head + 1
            _assign(src, value, value_start, stop)
            last = value.end
        else:
            last = max(entry.head, value.last)
        entry.end = _deeper_comments(src, last + 1, stop, block.col) - 1
    block.end = entries[-1].end


# -- putting the lines back ---------------------------------------------------------------------


def _shift(text: str, delta: int) -> str:
    """``text`` moved ``delta`` columns (an empty line stays empty; a line never loses more than its spaces)."""
    if delta == 0 or not text:
        return text
    if delta > 0:
        return " " * delta + text
    return text[min(-delta, len(text) - len(text.lstrip(" "))) :]


@dataclass
class _Out:
    src: _Source
    flows: dict[int, str]  # lines with a flow mapping put in order
    texts: list[str] = field(default_factory=list)
    origin: list[int] = field(default_factory=list)  # source line of each output line
    changed: bool = False

    def add(self, line: int, text: str) -> None:
        self.texts.append(text)
        self.origin.append(line)
        if text != self.src.lines[line]:
            self.changed = True

    def put_dash(self, index: int, col: int) -> None:
        """Put a list dash at ``col`` of output line ``index`` (where the layout left two spaces)."""
        text = self.texts[index]
        self.texts[index] = text[:col] + "- " + text[col + 2 :]
        if self.texts[index] != self.src.lines[self.origin[index]]:
            self.changed = True

    def lines(self, start: int, stop: int, delta: int) -> None:
        lines, flows = self.src.lines, self.flows
        for i in range(start, stop):
            self.add(i, _shift(flows.get(i, lines[i]), delta))


def _flow_reordered(src: _Source, leaf: _Leaf) -> str | None:
    """The line of a one-line flow mapping with its keys in canonical order (None: already so)."""
    entries = leaf.flow_entries
    if leaf.model is None or not entries or len(entries) < 2 or leaf.flow_nested or leaf.first != leaf.last:
        return None
    rank = _rank(leaf.model)
    unknown = len(rank)
    order = sorted(range(len(entries)), key=lambda i: (rank.get(entries[i][0], unknown), i))
    if order == list(range(len(entries))):
        return None
    text = src.lines[leaf.first]
    pieces = [text[s:e] for _, s, e in entries]
    out = text[: entries[0][1]]
    for n, i in enumerate(order):
        out += pieces[i]
        if n + 1 < len(entries):
            out += text[entries[n][2] : entries[n + 1][1]]  # the separator as written
    return out + text[entries[-1][2] :]


def _emit_value(out: _Out, entry: _Entry, delta: int, target: int) -> None:
    """The lines of ``entry`` after its head line."""
    value = entry.value
    if isinstance(value, _Block):
        if not value.compact:
            out.lines(entry.head + 1, value.start, delta)
            _emit_block(out, value, target + 2, dash=None)
        out.lines(value.end + 1, entry.end + 1, delta)
    else:
        out.lines(entry.head + 1, entry.end + 1, delta)


def _emit_block(out: _Out, block: _Block, target: int, dash: int | None) -> None:
    """Append ``block``'s lines in canonical order at column ``target``.

    ``dash``: the block is compact, and its first line must carry a list dash at that column.
    """
    src = out.src
    delta = target - block.col
    entries = block.entries
    order = list(range(len(entries)))
    if block.is_map and block.model is not None and len(entries) > 1:
        rank = _rank(block.model)
        unknown = len(rank)
        ranks = [rank.get(e.key, unknown) if e.key is not None else unknown for e in entries]
        order.sort(key=lambda i: (ranks[i], i))
    if order != list(range(len(entries))):
        out.changed = True
    # The lines leading into the first entry as written stay at the top of the block.
    first_lead = entries[0].lead
    out.lines(first_lead[0], first_lead[1], delta)
    for n, i in enumerate(order):
        entry = entries[i]
        lead = entry.lead if i != 0 else (entry.head, entry.head)
        text = out.flows.get(entry.head, src.lines[entry.head])
        if dash is not None and n == 0:
            # The new first entry takes the dash; what led into it goes above the dash.
            out.lines(lead[0], lead[1], dash - _lead_col(src, lead))
        else:
            out.lines(lead[0], lead[1], delta)
        first = len(out.texts)
        value = entry.value
        if block.is_map:
            if entry.gap is not None:
                text = text[: entry.gap[0]] + " " + text[entry.gap[1] :]
            out.add(entry.head, " " * target + text[entry.col :])
            _emit_value(out, entry, delta, target)
        elif isinstance(value, _Block) and value.compact:
            _emit_block(out, value, target + 2, dash=target)
            out.lines(value.end + 1, entry.end + 1, delta)
        else:
            rest = "- " + text[entry.value_col :] if entry.value_col >= 0 else text[entry.col :]
            out.add(entry.head, " " * target + rest)
            _emit_value(out, entry, delta, target)
        if dash is not None and n == 0:
            out.put_dash(first, dash)


def _lead_col(src: _Source, lead: tuple[int, int]) -> int:
    """The column of the first comment in ``lead`` (0 when there is none)."""
    for i in range(*lead):
        if not src.is_blank(i):
            return src.indent(i)
    return 0


def _flow_rewrites(node: Any, src: _Source, flows: dict[int, str]) -> None:
    """Every one-line flow mapping whose keys are out of order, rewritten, by line."""
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, _Block):
            stack.extend(e.value for e in n.entries)
        elif isinstance(n, _Leaf) and n.flow_entries:
            new = _flow_reordered(src, n)
            if new is not None and n.first not in flows:  # a second one on the same line keeps its order
                flows[n.first] = new


def lay_out(text: str, model: type[BaseModel] | None) -> str:
    """``text`` with keys in canonical order and canonical indentation; the same string if it is tidy.

    Raises :class:`LayoutError` for constructs whose layout cjm does not change
    (and lets the parser's errors through for text that is not YAML).
    """
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(bom) :]
    src = _Source(body)
    root = _build(src, body, model)
    if not isinstance(root, _Block) or not root.entries:
        return text
    _assign(src, root, 0, len(src.lines))
    flows: dict[int, str] = {}
    _flow_rewrites(root, src, flows)
    out = _Out(src, flows)
    _emit_block(out, root, 0, dash=None)
    out.lines(root.end + 1, len(src.lines), 0)
    if not out.changed and not flows:
        return text
    if sorted(out.origin) != list(range(len(src.lines))):
        raise LayoutError("the new layout would lose or repeat a line")
    return bom + _join(src, out)


def _join(src: _Source, out: _Out) -> str:
    """The output lines, each with its own line break; the file's last line keeps having none if it had none."""
    breaks = src.breaks
    usual = max(set(breaks) - {""}, key=breaks.count, default="\n")
    parts: list[str] = []
    last = len(out.texts) - 1
    for n, (text, line) in enumerate(zip(out.texts, out.origin, strict=True)):
        brk = breaks[line]
        if n == last:
            brk = breaks[-1] if breaks[-1] == "" else (brk or usual)
        elif not brk:
            brk = usual
        parts.append(text)
        parts.append(brk)
    return "".join(parts)


# -- the quick answer for files that are already tidy ---------------------------------------------


@functools.cache
def _child_model(model: type[BaseModel], key: str) -> type[BaseModel] | None:
    return child_model(model, key)


@functools.cache
def _rank(model: type[BaseModel]) -> dict[str, int]:
    return field_rank(model)


def is_tidy(doc: Document, model: type[BaseModel]) -> bool:
    """True when :func:`lay_out` would leave the file as it is, decided from the loaded document alone.

    Looks at what the loader recorded (key order, where each key and list item
    starts) instead of reading the file a second time.  It may answer False for
    a tidy file written in an unusual way (anchors, a list item's value on the
    line after its dash...); :func:`lay_out` then decides.  It never answers
    True for a file that :func:`lay_out` would change.
    """
    text = doc.text
    if any(ch in text for ch in "\x85\u2028\u2029") or "\r" in text.replace("\r\n", ""):
        return False  # line breaks that libyaml counts and str.split("\n") does not
    lines = text.split("\n")
    marks = doc.marks
    # (node, its model, the column its keys or dashes must be at)
    todo: list[tuple[Any, type[BaseModel] | None, int]] = [(doc.data, model, 0)]
    while todo:
        node, node_model, col = todo.pop()
        table = marks.get(id(node))
        if table is None:
            return False
        if isinstance(node, dict):
            if not _keys_in_order(node, node_model):
                return False
            for key in node:
                kl, kc, vl, vc = table[key]
                if kc - 1 != col:
                    return False
                if vl == kl and not _one_space_after_colon(lines[kl - 1], vc - 1):
                    return False
                value = node[key]
                if not isinstance(value, dict | list) or not value:
                    continue
                if _flow_at(lines, vl, vc):
                    if not _flow_in_order(value, node_model, key):
                        return False
                elif _block_value_ok(lines, vl, vc, kl):
                    sub = _child_model(node_model, key) if node_model is not None else None
                    todo.append((value, sub, col + 2))
                else:
                    return False
        else:
            for item, (line, c) in zip(node, table, strict=True):
                text_line = lines[line - 1]
                if c - 3 != col or text_line[c - 3 : c - 1] != "- " or text_line[: c - 3].strip():
                    return False
                if isinstance(item, dict | list) and item:
                    if text_line[c - 1 : c] in ("&", "!", "*"):
                        return False  # an anchor, tag or alias: positions may be the anchored value's
                    if _flow_at(lines, line, c):
                        if not _flow_in_order(item, node_model, None):
                            return False
                        continue
                    if isinstance(item, list):
                        return False  # "- - a"
                    todo.append((item, node_model, col + 2))
    return True


def _one_space_after_colon(line: str, value: int) -> bool:
    """Whether the value starting at ``value`` follows its key's colon after exactly one space."""
    if value >= len(line) or line[value] in " \t#":
        return True  # no value on the line (an empty value's position is not where its text would be)
    return line[value - 2 : value] == ": " and line[value - 3 : value - 2] not in (" ", "\t")


def _keys_in_order(node: dict[str, Any], model: type[BaseModel] | None) -> bool:
    if model is None or len(node) < 2:
        return True
    rank = _rank(model)
    unknown = len(rank)
    ranks = [rank.get(k, unknown) for k in node]
    return all(a <= b for a, b in itertools.pairwise(ranks))


def _flow_at(lines: list[str], line: int, col: int) -> bool:
    ch = lines[line - 1][col - 1 : col]
    return ch in ("{", "[")


def _block_value_ok(lines: list[str], line: int, col: int, key_line: int) -> bool:
    """A block mapping or list that starts on a line after its key, with no anchor or tag in front."""
    return line > key_line and lines[line - 1][col - 1 : col] not in ("{", "[", "&", "!", "*", "")


def _flow_in_order(value: Any, model: type[BaseModel] | None, key: str | None) -> bool:
    """Every mapping inside a flow collection already in canonical order (or without a model)."""
    sub = _child_model(model, key) if model is not None and key is not None else model
    todo = [(value, sub)]
    while todo:
        node, node_model = todo.pop()
        if isinstance(node, dict):
            if not _keys_in_order(node, node_model):
                return False
            for k, v in node.items():
                if isinstance(v, dict | list):
                    todo.append((v, _child_model(node_model, k) if node_model is not None else None))
        elif isinstance(node, list):
            todo.extend((v, node_model) for v in node if isinstance(v, dict | list))
    return True
