"""A strict, safe YAML reader that records where every key and value is.

It builds plain Python data (dict, list, str, int, float, bool, None) straight
from the events of the libyaml C parser that ships with ``ruamel.yaml.clib``.
No tag can construct an object, and nothing is composed into a node tree: a
node tree costs memory and, for deeply nested input, recursion in C.

Scalars are resolved with the YAML 1.2 core schema, so ``off``, ``no`` and
``yes`` stay text (YAML 1.1 would turn them into booleans).  Dates stay text;
the model parses them, so an impossible date is reported like any bad value.

Positions live in a side table keyed by the ``id()`` of each container, which
the :class:`Document` keeps alive.  See :meth:`Document.locate`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _ruamel_yaml import CParser
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import BaseResolver

from cjmkit.diagnostics import Diagnostic

#: Files larger than this are refused before parsing.
#: Large enough for any real journey (the biggest examples are under 50 KB), small enough
#: that every command, including the ones that rewrite a file (fmt, kpi update), finishes
#: in well under 1 GB of memory: a 17.5 MB map took 560-860 MB in those.
MAX_FILE_BYTES = 16 * 1024 * 1024
#: Containers nested deeper than this are refused (a journey needs about 8).
MAX_DEPTH = 64
#: Aliases may add at most this many values beyond what the file spells out.
MAX_ALIAS_EXPANSION = 100_000
#: Aliases may add at most this many characters of text (a long string used many times).
MAX_ALIAS_CHARS = 10_000_000

_Y = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {f"{_Y}{t}" for t in ("str", "int", "float", "bool", "null", "map", "seq")}

_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INF = frozenset({".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"})
_NINF = frozenset({"-.inf", "-.Inf", "-.INF"})
_NAN = frozenset({".nan", ".NaN", ".NAN"})
#: Plain scalars that are not text, other than numbers: null and the booleans.
_WORDS: dict[str, Any] = {
    **dict.fromkeys(_NULLS),
    **dict.fromkeys(_TRUE, True),
    **dict.fromkeys(_FALSE, False),
}
#: A plain scalar starting with one of these may be a number (or .inf, .nan).
_NUMBER_START = frozenset("0123456789+-.")

Pos = tuple[int, int]
"""A 1-based (line, column) pair."""


class WrittenInt(int):
    """A whole number spelled in the file other than Python writes it (``0x1f``, ``0o17``, ``01``, ``+1``).

    ``written`` keeps the spelling, so a field that holds text (an id) can use
    it or say it must be quoted, instead of silently taking ``31`` for ``0x1f``.
    """

    written: str


class WrittenFloat(float):
    """A decimal number spelled other than Python writes it (``1e3``, ``1.50``); see :class:`WrittenInt`."""

    written: str


def _as_written(number: int | float, text: str) -> Any:
    if str(number) == text:
        return number
    kept: WrittenInt | WrittenFloat = WrittenInt(number) if isinstance(number, int) else WrittenFloat(number)
    kept.written = text
    return kept


def resolve_plain(text: str) -> Any:
    """Turn a plain (unquoted) scalar into its YAML 1.2 core-schema value."""
    if not text or len(text) > 40:
        return text if text else None
    first = text[0]
    if first in "0123456789+-.":
        if _INT.match(text):
            return _as_written(int(text), text)
        if _FLOAT.match(text):
            return _as_written(float(text), text)
        if _OCT.match(text):
            return _as_written(int(text[2:], 8), text)
        if _HEX.match(text):
            return _as_written(int(text[2:], 16), text)
        if text in _INF:
            return float("inf")
        if text in _NINF:
            return float("-inf")
        if text in _NAN:
            return float("nan")
        return text
    if text in _NULLS:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return text


_TAG_CASTS: dict[str, Any] = {
    f"{_Y}str": str,
    f"{_Y}int": lambda s: int(s, 0),
    f"{_Y}float": float,
    f"{_Y}bool": lambda s: {"true": True, "false": False}[s.lower()],
    f"{_Y}null": lambda s: None,
}


@dataclass
class Document:
    """One parsed YAML file: its data and the position of every key and value."""

    path: str
    data: Any
    text: str
    # id(container) -> {key: (key_line, key_col, value_line, value_col)} for a
    # mapping, or [(line, col), ...] for a sequence.
    marks: dict[int, Any] = field(repr=False, default_factory=dict)
    start: Pos = (1, 1)

    def locate(self, loc: tuple[str | int, ...], *, key: bool = False) -> Pos:
        """The position of the value at ``loc`` (or of its key with ``key=True``).

        When ``loc`` names something the file does not contain (a missing
        required field), the position of the deepest container that exists is
        returned, which is where the user has to add it.
        """
        node = self.data
        pos = self.start
        for part in loc:
            table = self.marks.get(id(node))
            if isinstance(node, dict) and isinstance(table, dict) and part in node:
                kl, kc, vl, vc = table[part]
                pos = (kl, kc) if key else (vl, vc)
                node = node[part]
            elif isinstance(node, list) and isinstance(table, list) and isinstance(part, int) and 0 <= part < len(node):
                pos = table[part]
                node = node[part]
            else:
                break
        return pos


_ODD_BREAKS = re.compile("[\x85\u2028\u2029]")


class _LineBreaks:
    """Line and column of a character offset, counting only the line breaks an editor shows."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]

    def position(self, index: int) -> Pos:
        import bisect

        line = bisect.bisect_right(self.starts, index)
        return line, index - self.starts[line - 1] + 1


def _line_at(text: str, lines: _LineBreaks, line: int) -> str:
    start = lines.starts[line - 1] if 0 < line <= len(lines.starts) else len(text)
    end = lines.starts[line] if line < len(lines.starts) else len(text)
    return text[start:end]


class LoadError(Exception):
    """The file could not be turned into data; ``diagnostics`` says why."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(diagnostics[0].message if diagnostics else "cannot load")
        self.diagnostics = diagnostics


class _Parser(CParser, BaseResolver):  # type: ignore[misc]
    def __init__(self, text: str):
        CParser.__init__(self, text)
        BaseResolver.__init__(self)


def _syntax_message(err: MarkedYAMLError, text: str) -> tuple[str, str | None]:
    problem = (err.problem or "invalid YAML").strip()
    hint = None
    ch = ""
    mark = err.problem_mark
    if mark is not None:
        lines = text.split("\n", mark.line + 1)
        if mark.line < len(lines) and mark.column < len(lines[mark.line]):
            ch = lines[mark.line][mark.column]
    if ch == "\t" or "\t" in problem:
        problem = "a tab character is not allowed here"
        hint = "indent with spaces, not tabs"
    elif "cannot start any token" in problem:
        problem = f"the character {ch!r} cannot start a value" if ch else problem
        hint = "quote the value if it starts with a special character such as @ or `"
    elif "expected ',' or ']'" in problem:
        hint = "a flow list [a, b] needs commas between items and a closing ]; quote items containing ':' or '?'"
    elif "expected ',' or '}'" in problem:
        hint = "a flow mapping {a: 1} needs commas between entries and a closing }"
    elif "mapping values are not allowed" in problem:
        hint = "quote a value that contains ': ', or check the indentation"
    elif "could not find expected ':'" in problem:
        hint = "every key needs a ':' after it; check for a missing colon or a stray line"
    elif "block end" in problem or "expected <block end>" in problem:
        hint = "check the indentation of this line against the lines above"
    elif "expected '-' indicator" in problem or "did not find expected key" in problem:
        hint = (
            "this line is indented differently from the lines above it: indent it like the other keys "
            "of its item, or start a new list item with '- '"
        )
    context = (err.context or "").strip()
    message = f"YAML syntax error: {problem}"
    if context and context not in problem:
        message += f" ({context})"
    return message, hint


def _decode(raw: bytes, path: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = len(before) - (before.rfind(b"\n") + 1) + 1
        raise LoadError(
            [
                Diagnostic(
                    code="E101",
                    message=f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02x})",
                    path=path,
                    line=line,
                    column=col,
                    expected="UTF-8 text",
                    hint="save the file as UTF-8 in your editor",
                )
            ]
        ) from None


def read_text(path: str | Path, display: str | None = None) -> str:
    """Read a file as UTF-8 text within the size limit, or raise LoadError."""
    shown = display if display is not None else str(path)
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LoadError(
                [
                    Diagnostic(
                        code="E102",
                        message=f"the file is {size / 1048576:.1f} MB; cjm reads files of at most "
                        f"{MAX_FILE_BYTES // 1048576} MB",
                        path=shown,
                        hint="split the journey into several files",
                    )
                ]
            )
        raw = p.read_bytes()
    except LoadError:
        raise
    except IsADirectoryError:
        raise LoadError([Diagnostic(code="E100", message="this is a folder, not a file", path=shown)]) from None
    except FileNotFoundError:
        raise LoadError([Diagnostic(code="E100", message="no such file", path=shown)]) from None
    except OSError as exc:
        raise LoadError(
            [Diagnostic(code="E100", message=f"cannot read the file: {exc.strerror or exc}", path=shown)]
        ) from None
    return _decode(raw, shown)


def load_file(path: str | Path, display: str | None = None) -> Document:
    """Read and parse one YAML file (see :func:`parse`)."""
    shown = display if display is not None else str(path)
    return parse(read_text(path, shown), shown)


def parse_bytes(raw: bytes, path: str) -> Document:
    if len(raw) > MAX_FILE_BYTES:
        raise LoadError(
            [Diagnostic(code="E102", message=f"the file is larger than {MAX_FILE_BYTES // 1048576} MB", path=path)]
        )
    return parse(_decode(raw, path), path)


def parse(text: str, path: str = "<string>") -> Document:
    """Parse YAML text into a :class:`Document`; raise :class:`LoadError` on any problem.

    Problems that do not stop the parse (duplicate keys, forbidden tags) are
    all collected, so the user sees every one of them in a single run.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    problems: list[Diagnostic] = []

    def problem(code: str, message: str, line: int, col: int, **kw: Any) -> None:
        problems.append(Diagnostic(code=code, message=message, path=path, line=line, column=col, **kw))

    # libyaml also ends lines at NEL, U+2028 and U+2029; editors and people do not.
    lines = _LineBreaks(text) if _ODD_BREAKS.search(text) else None
    parser = _Parser(text)
    get_event = parser.get_event
    marks: dict[int, Any] = {}
    anchors: dict[str, tuple[Any, int, int]] = {}
    # Each open container: (container, its marks, pending key, anchor, size and text length at start)
    stack: list[tuple[Any, Any, Any, Any, int, int]] = []
    cur: Any = None
    cur_marks: Any = None
    pending: Any = None  # (key, line, col) of a mapping key waiting for its value
    root: Any = None
    root_pos: Pos = (1, 1)
    have_root = False
    documents = 0
    count = 0  # values built, aliases counted at their expanded size
    alias_extra = 0
    chars = 0  # characters of text values built, aliases counted at their expanded size
    anchored = "&" in text  # without an anchor no alias can expand: no need to count
    alias_chars = 0

    try:
        while True:
            ev = get_event()
            cls = ev.__class__
            if cls is ScalarEvent or cls is MappingStartEvent or cls is SequenceStartEvent or cls is AliasEvent:
                sm = ev.start_mark
                line, col = (sm.line + 1, sm.column + 1) if lines is None else lines.position(sm.index)
                count += 1
                # ``ctag`` is the tag as the parser read it (``tag`` is a property around it).
                tag = ev.ctag if cls is not AliasEvent else None
                if tag is not None and tag != "!" and tag not in _ALLOWED_TAGS:
                    problem(
                        "E114",
                        f"the tag {tag.replace(_Y, '!!')} is not allowed: cjm files hold plain YAML only",
                        line,
                        col,
                        hint="remove the tag; nothing in the file is ever executed or turned into an object",
                    )
                    tag = None
                if cls is ScalarEvent:
                    raw = ev.value
                    if tag is not None and tag != "!":
                        try:
                            value: Any = _TAG_CASTS[tag](raw) if tag in _TAG_CASTS else raw
                        except (ValueError, KeyError):
                            problem("E110", f"'{raw}' cannot be read as {tag.replace(_Y, '!!')}", line, col)
                            value = raw
                    elif ev.style or tag == "!" or (pending is None and cur.__class__ is dict):
                        # Quoted scalars and mapping keys are always text.
                        value = raw
                    elif raw[:1] in _NUMBER_START and len(raw) <= 40:
                        value = resolve_plain(raw)
                    else:
                        # Most values are plain text: resolve_plain's answer, without the call.
                        value = _WORDS.get(raw, raw)
                    if anchored and value.__class__ is str:
                        chars += len(value)
                    if ev.anchor is not None:
                        anchors[ev.anchor] = (value, 1, len(value) if value.__class__ is str else 0)
                elif cls is AliasEvent:
                    if ev.anchor not in anchors:
                        problem(
                            "E115",
                            f"the alias *{ev.anchor} refers to an anchor that is not defined before it "
                            "(or to the value that contains it)",
                            line,
                            col,
                        )
                        value = None
                    else:
                        value, size, size_chars = anchors[ev.anchor]
                        alias_extra += size
                        alias_chars += size_chars
                        chars += size_chars
                        count += size - 1
                        if alias_extra > MAX_ALIAS_EXPANSION or alias_chars > MAX_ALIAS_CHARS:
                            amount = (
                                f"{MAX_ALIAS_EXPANSION:,} values"
                                if alias_extra > MAX_ALIAS_EXPANSION
                                else f"{MAX_ALIAS_CHARS:,} characters of text"
                            )
                            problem(
                                "E115",
                                f"aliases expand to more than {amount}; cjm stops here to protect memory",
                                line,
                                col,
                                hint="write the values out, or use fewer nested aliases",
                            )
                            raise LoadError(problems)
                elif cls is MappingStartEvent:
                    value = {}
                else:
                    value = []

                # Attach the value to its parent.
                if not have_root:
                    root, root_pos, have_root = value, (line, col), True
                elif cur.__class__ is list:
                    cur.append(value)
                    cur_marks.append((line, col))
                elif pending is None:
                    if cls is not ScalarEvent:
                        problem(
                            "E118",
                            "a key must be plain text, not a list or mapping",
                            line,
                            col,
                            hint="write 'key: value' pairs with text keys",
                        )
                        raise LoadError(problems)
                    pending = (value if isinstance(value, str) else str(value), line, col)
                    continue
                else:
                    key, kl, kc = pending
                    pending = None
                    if key in cur:
                        first_line = cur_marks[key][0]
                        problem(
                            "E111",
                            f"duplicate key '{key}': it is already set on line {first_line}; "
                            "YAML would silently keep only the last one",
                            kl,
                            kc,
                            hint=f"remove one of the two '{key}' entries (lines {first_line} and {kl})",
                        )
                    else:
                        cur[key] = value
                        cur_marks[key] = (kl, kc, line, col)

                if cls is MappingStartEvent or cls is SequenceStartEvent:
                    stack.append((cur, cur_marks, pending, ev.anchor, count, chars))
                    if len(stack) > MAX_DEPTH:
                        problem(
                            "E116",
                            f"the file nests lists and mappings more than {MAX_DEPTH} levels deep",
                            line,
                            col,
                            hint="a journey needs far fewer levels; check for runaway brackets",
                        )
                        raise LoadError(problems)
                    cur = value
                    cur_marks = {} if cls is MappingStartEvent else []
                    marks[id(value)] = cur_marks
                    pending = None
            elif cls is MappingEndEvent or cls is SequenceEndEvent:
                done = cur
                cur, cur_marks, pending, anchor, started, started_chars = stack.pop()
                if anchor is not None:
                    anchors[anchor] = (done, count - started + 1, chars - started_chars)
            elif cls is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    sm = ev.start_mark
                    line, col = (sm.line + 1, sm.column + 1) if lines is None else lines.position(sm.index)
                    problem(
                        "E112",
                        "the file holds more than one YAML document; a journey file holds exactly one",
                        line,
                        col,
                        hint="remove the '---' line, or split the documents into separate files",
                    )
                    raise LoadError(problems)
            elif cls is StreamEndEvent:
                break
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        opened = err.context_mark
        if opened is not None and mark is not None and opened.line < mark.line and "flow" in (err.context or ""):
            # An unclosed [ or { is noticed only where the next key starts, lines later:
            # point at the bracket that was never closed.
            mark = opened
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        if mark is not None and lines is not None:
            line, col = lines.position(mark.index)
        message, hint = _syntax_message(err, text)
        # The parser reads an invisible break as a new line; point at the line that holds it.
        for near in (err.problem_mark, err.context_mark) if lines is not None else ():
            at = lines.position(near.index) if near is not None and lines is not None else None
            if at is not None and lines is not None and (odd := _ODD_BREAKS.search(_line_at(text, lines, at[0]))):
                line, col = at
                hint = (
                    f"this line holds the invisible character U+{ord(odd.group()):04X}, which YAML reads as a line "
                    "break; delete it, or put the value in quotes"
                )
                break
        problem("E110", message, line, col, hint=hint)
        raise LoadError(problems) from None
    except ReaderError as err:
        # A character YAML forbids (NUL and other control characters): not a syntax error with a mark.
        before = text[: max(0, int(err.position))]
        char = err.character if isinstance(err.character, int) else ord(str(err.character)[:1] or "\0")
        line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        problem(
            "E101",
            f"the file contains the control character U+{char:04X}, which YAML does not allow",
            line,
            col,
            expected="printable text",
            hint="delete the character (it is often invisible: a stray byte from a copy-paste or a binary file)",
        )
        raise LoadError(problems) from None
    finally:
        parser.dispose()

    if not have_root or root is None:
        problem(
            "E113",
            "the file is empty (or holds only comments)",
            1,
            1,
            expected="a mapping that starts with 'cjm: 1'",
        )
    elif not isinstance(root, dict):
        kind = "list" if isinstance(root, list) else "single value"
        problem(
            "E117",
            f"the top level of the file is a {kind}; it must be a mapping of keys",
            root_pos[0],
            root_pos[1],
            expected="a mapping that starts with 'cjm: 1'",
            found=kind,
        )
    if problems:
        problems.sort(key=lambda d: (d.line, d.column))
        raise LoadError(problems)
    return Document(path=path, data=root, text=text, marks=marks, start=root_pos)
