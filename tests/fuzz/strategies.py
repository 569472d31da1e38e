"""Hypothesis strategies for journey maps: valid ones, near-valid ones, and raw bytes.

Generation is structure-aware: it knows the format's keys and which ids refer
to which, so most examples get past the YAML parser and exercise validation,
lint, rendering, diff and fmt rather than dying at the first syntax error.
"""

from __future__ import annotations

import copy
import json
import re
from typing import Any

from hypothesis import strategies as st

#: Strings that have broken (or could break) some output: markup, script, formulas,
#: escapes of every output language, bidi and zero-width characters, YAML look-alikes.
HOSTILE_STRINGS: tuple[str, ...] = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)>",
    "</title><script>alert(document.domain)</script>",
    "javascript:alert(1)",
    "<iframe srcdoc='<script>alert(1)</script>'>",
    "<style>body{display:none}</style>",
    "{{ 7*7 }} {% raw %}",
    '=HYPERLINK("http://evil.example","click")',
    "=1+2",
    "+1-1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=cmd|'/c calc'!A0",
    "\r=1",
    "'quoted",
    '" -> "x" [label="pwned"]; "',
    "a\\nb \\N \\G \\l \\",
    "} digraph x { a -> b",
    "%%{init: {'theme':'dark'}}%%",
    "section Evil",
    "title : 5 : me",
    "a: b; c # d",
    "```\n<script>alert(1)</script>\n```",
    "[click](javascript:alert(1))",
    "![img](http://evil.example/x.png)",
    "@everyone @org/team",
    "| a | b |",
    "# Heading\n---\n> quote",
    "1. item",
    "<!-- comment -->",
    "&lt;script&gt;",
    "::error file=x::injected",
    "\u202etxt.exe",
    "zero\u200bwidth\u2060joiner\ufeff",
    "emoji 😀👩‍👩‍👧 flags 🇫🇷",
    "Ünïcödé ß 中文 العربية עברית हिन्दी",
    "\x00\x01\x07\x1b[31mred\x1b[0m",
    "line1\nline2\r\nline3\rline4",
    " leading and trailing ",
    "yes",
    "no",
    "null",
    "~",
    "0x1F",
    "1e3",
    ".inf",
    "2026-13-45",
    "*alias",
    "&anchor",
    "!!python/object:os.system",
    "- not a list",
    "key: value",
    "x" * 2000,
)

#: Characters YAML cannot carry even escaped, or that no tool should be expected to keep:
#: surrogates are excluded by Hypothesis already.
_TEXT_ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))


def free_text(min_size: int = 1) -> st.SearchStrategy[str]:
    """Text a person could type into a map: anything, leaning towards the hostile strings."""
    return st.one_of(
        st.sampled_from(HOSTILE_STRINGS),
        st.text(_TEXT_ALPHABET, min_size=min_size, max_size=40),
        st.builds(lambda a, b: a + b, st.sampled_from(HOSTILE_STRINGS), st.text(_TEXT_ALPHABET, max_size=10)),
    ).filter(lambda s: len(s) >= min_size)


def slugs(prefix: str) -> st.SearchStrategy[str]:
    return st.builds(lambda n: f"{prefix}-{n}", st.integers(0, 10_000))


_SLUG_NUMBERS = st.integers(0, 10_000)


def _unique(draw: st.DrawFn, prefix: str, count: int, used: set[str]) -> list[str]:
    # One draw per id, and a taken number moves on to the next free one. Drawing again until
    # an unused id came up cost most of the fuzz suite's time: Hypothesis leans towards the
    # same small numbers, so the loop drew hundreds of times per map.
    out: list[str] = []
    for _ in range(count):
        n = draw(_SLUG_NUMBERS)
        while f"{prefix}-{n}" in used:
            n += 1
        used.add(f"{prefix}-{n}")
        out.append(f"{prefix}-{n}")
    return out


@st.composite
def journey_data(draw: st.DrawFn, max_stages: int = 4, max_touchpoints: int = 4) -> dict[str, Any]:
    """A valid journey (as plain data) with its own catalog, every reference resolving, text everywhere."""
    used: set[str] = set()
    text = free_text()
    maybe = st.booleans()
    teams = _unique(draw, "team", draw(st.integers(1, 3)), used)
    personas = _unique(draw, "persona", draw(st.integers(1, 2)), used)
    channels = _unique(draw, "channel", draw(st.integers(1, 2)), used)
    systems = _unique(draw, "system", draw(st.integers(0, 2)), used)
    evidence_ids = _unique(draw, "ev", draw(st.integers(0, 2)), used)
    catalog: dict[str, Any] = {
        "personas": [{"id": p, "name": draw(text), "description": draw(text)} for p in personas],
        "teams": [{"id": t, "name": draw(text), "contact": draw(text)} for t in teams],
        "channels": [{"id": c, "name": draw(text)} for c in channels],
        "systems": [{"id": s, "name": draw(text)} for s in systems],
    }
    journey_personas = personas[: draw(st.integers(0, len(personas)))]
    stage_count = draw(st.integers(1, max_stages))
    stage_ids = _unique(draw, "stage", stage_count, used)
    tp_counts = [draw(st.integers(0, max_touchpoints)) for _ in stage_ids]
    tp_ids = [_unique(draw, "tp", n, used) for n in tp_counts]
    all_tps = [t for group in tp_ids for t in group]
    pain_ids: list[str] = []
    kpi_ids: list[str] = []
    stages: list[dict[str, Any]] = []
    for sid, group in zip(stage_ids, tp_ids, strict=True):
        stage: dict[str, Any] = {"id": sid, "name": draw(text)}
        if draw(maybe):
            stage["owner"] = draw(st.sampled_from(teams))
        if draw(maybe):
            stage["goal"] = draw(text)
        if draw(maybe):
            stage["phase"] = draw(st.sampled_from(["acquisition", "service", "loyalty", "exit"]))
        if draw(maybe):
            stage["quotes"] = draw(st.lists(text, max_size=2))
        touchpoints = []
        for tid in group:
            tp: dict[str, Any] = {"id": tid, "name": draw(text)}
            if draw(maybe):
                tp["channel"] = draw(st.sampled_from(channels))
            if draw(maybe):
                tp["owner"] = draw(st.sampled_from(teams))
            if journey_personas and draw(maybe):
                tp["personas"] = draw(st.lists(st.sampled_from(journey_personas), max_size=2, unique=True))
            for key in ("actions", "thoughts", "feelings"):
                if draw(maybe):
                    tp[key] = draw(st.lists(text, max_size=2))
            if draw(maybe):
                tp["emotion"] = draw(st.integers(-2, 2))
            if draw(maybe):
                tp["desired_emotion"] = draw(st.integers(-2, 2))
            for key in ("importance", "performance"):
                if draw(maybe):
                    tp[key] = {"customer": draw(st.integers(1, 5)), "company": draw(st.integers(1, 5))}
            if draw(maybe):
                tp["moment_of_truth"] = draw(st.booleans())
            if all_tps and draw(maybe):
                tp["next"] = draw(st.lists(st.sampled_from(all_tps), max_size=2, unique=True))
            if draw(maybe):
                entry: dict[str, Any] = {"team": draw(st.sampled_from(teams)), "process": draw(text)}
                if systems:
                    entry["system"] = draw(st.sampled_from(systems))
                tp["backstage"] = [entry]
            if draw(maybe):
                pid = _unique(draw, "pain", 1, used)[0]
                pain_ids.append(pid)
                pain: dict[str, Any] = {"id": pid, "description": draw(text)}
                if draw(maybe):
                    pain["severity"] = draw(st.sampled_from(["low", "medium", "high", "critical"]))
                if evidence_ids and draw(maybe):
                    pain["evidence"] = [draw(st.sampled_from(evidence_ids))]
                tp["pain_points"] = [pain]
            if draw(maybe):
                kid = _unique(draw, "kpi", 1, used)[0]
                kpi_ids.append(kid)
                kpi: dict[str, Any] = {"id": kid, "name": draw(text)}
                if draw(maybe):
                    kpi["target"] = draw(st.one_of(st.integers(-(10**6), 10**6), st.floats(-1e6, 1e6)))
                    kpi["current"] = draw(st.one_of(st.integers(-(10**6), 10**6), st.floats(-1e6, 1e6)))
                    kpi["direction"] = draw(st.sampled_from(["up", "down"]))
                    kpi["unit"] = draw(text)
                if draw(maybe):
                    kpi["owner"] = draw(st.sampled_from(teams))
                tp["kpis"] = [kpi]
            touchpoints.append(tp)
        stage["touchpoints"] = touchpoints
        stages.append(stage)
    data: dict[str, Any] = {
        "cjm": 1,
        "id": draw(slugs("journey")),
        "title": draw(text),
        "catalog": catalog,
        "personas": journey_personas,
        "stages": stages,
    }
    if draw(maybe):
        data["purpose"] = draw(text)
    if draw(maybe):
        data["owner"] = draw(st.sampled_from(teams))
    if draw(maybe):
        data["status"] = draw(st.sampled_from(["hypothesis", "validated"]))
    if draw(maybe):
        data["updated"] = draw(st.dates(min_value=_date(2000), max_value=_date(2100))).isoformat()
        data["review_every"] = draw(st.integers(1, 3650))
    if pain_ids and draw(maybe):
        opp: dict[str, Any] = {
            "id": _unique(draw, "opp", 1, used)[0],
            "title": draw(text),
            "addresses": draw(st.lists(st.sampled_from(pain_ids), min_size=1, max_size=2, unique=True)),
            "status": draw(st.sampled_from(["idea", "planned", "in-progress", "done", "dropped"])),
            "stakeholders": draw(st.lists(st.sampled_from(teams), max_size=2, unique=True)),
        }
        if kpi_ids and draw(maybe):
            opp["kpis"] = [draw(st.sampled_from(kpi_ids))]
        data["opportunities"] = [opp]
    if evidence_ids:
        data["evidence"] = [
            {"id": e, "kind": draw(st.sampled_from(["survey", "interview", "analytics", "other"])), "title": draw(text)}
            for e in evidence_ids
        ]
    if draw(maybe):
        data["x-notes"] = {"anything": [draw(text), 1, None]}
    return data


def _date(year: int) -> Any:
    import datetime as dt

    return dt.date(year, 1, 1)


def _paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every (container path, key) in ``data``, for picking a place to break."""
    out: list[tuple[Any, ...]] = []
    if isinstance(data, dict):
        for k, v in data.items():
            out.append((*prefix, k))
            out.extend(_paths(v, (*prefix, k)))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out.append((*prefix, i))
            out.extend(_paths(v, (*prefix, i)))
    return out


_TOP_KEY = re.compile(r"[a-z][a-z_-]*:( |$)")
_ITEM_LINE = re.compile(r"(\s*)- id: [a-z]+-[0-9]+$")

#: Values of the wrong type or out of range, for any key.
WRONG_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(HOSTILE_STRINGS),
    st.just([]),
    st.just({}),
    st.just([[[[]]]]),
    st.just({"id": "x"}),
    st.just("unknown-ref"),
    st.just("Not A Slug!"),
    st.just("../../etc/passwd"),
    st.just("a" * 300),
    st.just(-3),
    st.just(99),
    st.just("2026-02-30"),
)


@st.composite
def near_valid_data(draw: st.DrawFn) -> dict[str, Any]:
    """A valid journey broken in one to three places: wrong types, missing keys, bad references, unknown keys."""
    data = copy.deepcopy(draw(journey_data(max_stages=3, max_touchpoints=3)))
    for _ in range(draw(st.integers(1, 3))):
        paths = _paths(data)
        where = draw(st.sampled_from(paths))
        parent: Any = data
        for part in where[:-1]:
            parent = parent[part]
        key = where[-1]
        action = draw(st.sampled_from(["replace", "delete", "unknown-key", "duplicate-id"]))
        if action == "replace":
            parent[key] = draw(WRONG_VALUES)
        elif action == "delete":
            del parent[key]
        elif action == "unknown-key" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["nmae", "titel", "emotions", "Id", "x-ok", "stage"]))] = draw(WRONG_VALUES)
        elif action == "duplicate-id" and isinstance(parent, list) and parent:
            parent.append(copy.deepcopy(parent[0]))
    return data


def to_yaml(data: Any, *, comments: bool = False) -> str:
    """``data`` as block-style YAML (as people write it), optionally with comments between keys."""
    import io

    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 4096
    out = io.StringIO()
    yaml.dump(data, out)
    text = out.getvalue()
    if not comments:
        return text
    lines = []
    for i, line in enumerate(text.splitlines()):
        # Comments where people put them: before top-level keys and before each item with an id.
        item = _ITEM_LINE.match(line)
        if _TOP_KEY.match(line) or item:
            indent = item.group(1) if item else ""
            lines.append(f"{indent}# note {i}: keep me")
        lines.append(line)
    return "# A map written by hand\n" + "\n".join(lines) + "\n"


def to_json_yaml(data: Any) -> str:
    """``data`` as JSON, which is also YAML (flow style, every character escaped).

    JSON escapes a character beyond U+FFFF as a surrogate pair, which YAML rejects;
    YAML spells it ``\\UXXXXXXXX`` instead.
    """
    return _SURROGATE_PAIR.sub(_yaml_escape, json.dumps(data, indent=1))


_SURROGATE_PAIR = re.compile(r"(?<!\\)((?:\\\\)*)\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})")


def _yaml_escape(m: re.Match[str]) -> str:
    high, low = int(m.group(2), 16), int(m.group(3), 16)
    return m.group(1) + f"\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08X}"


def yaml_texts() -> st.SearchStrategy[str]:
    """YAML text of valid and near-valid journeys, in block and flow style."""
    return st.one_of(
        journey_data().map(to_yaml),
        near_valid_data().map(to_yaml),
        near_valid_data().map(to_json_yaml),
    )


@st.composite
def mangled_bytes(draw: st.DrawFn) -> bytes:
    """Bytes of a journey file damaged like a bad merge, a truncated download or a wrong encoding."""
    raw = to_yaml(draw(journey_data(max_stages=2, max_touchpoints=2))).encode("utf-8")
    how = draw(st.sampled_from(["truncate", "flip", "insert", "encode", "splice"]))
    if how == "truncate":
        return raw[: draw(st.integers(0, len(raw)))]
    if how == "flip":
        i = draw(st.integers(0, len(raw) - 1))
        return raw[:i] + bytes([draw(st.integers(0, 255))]) + raw[i + 1 :]
    if how == "insert":
        i = draw(st.integers(0, len(raw)))
        junk = draw(
            st.sampled_from([b"\t", b"\x00", b"---\n", b"&a ", b"*a", b"!!binary ", b"{", b"[", b"<<: *a\n", b"\xff"])
        )
        return raw[:i] + junk + raw[i:]
    if how == "encode":
        return raw.decode("utf-8").encode(draw(st.sampled_from(["utf-16", "utf-32", "latin-1", "cp1252"])), "replace")
    i = draw(st.integers(0, len(raw)))
    return raw[:i] + draw(st.binary(max_size=64)) + raw[i:]


def raw_bytes() -> st.SearchStrategy[bytes]:
    return st.one_of(st.binary(max_size=512), mangled_bytes())


# -- the edges of the format: extreme values, control characters, awkward paths ----------

#: Numbers at and past every edge: huge whole numbers, the float range, tiny values, zero, NaN, infinities.
EXTREME_NUMBERS = st.one_of(
    st.integers(-(10**20), 10**20),
    st.sampled_from([10**15, -(10**15), 10**15 + 1, 2**53 + 1, 10**300, 10**400, -(10**400), 0, -0.0]),
    st.sampled_from([1e-300, 5e-324, 1.7976931348623157e308, 1e15, 1.0000000000000002e15]),
    st.floats(allow_nan=True, allow_infinity=True),
)

#: Dates and review periods from the first to the last day Python knows, and far beyond any sensible period.
EXTREME_DATES = st.one_of(
    st.dates(),
    st.sampled_from(["0001-01-01", "1899-12-31", "1900-01-01", "2999-12-31", "3000-01-01", "9999-12-31"]),
).map(str)
EXTREME_PERIODS = st.one_of(st.integers(-5, 10**12), st.sampled_from([3650, 3651, 10**9, 2**63]))


@st.composite
def extreme_data(draw: st.DrawFn) -> dict[str, Any]:
    """A valid journey with its dates, review period and KPI numbers pushed to (and past) every edge."""
    data = copy.deepcopy(draw(journey_data(max_stages=1, max_touchpoints=3)))
    if draw(st.booleans()):
        data["updated"] = draw(EXTREME_DATES)
    if draw(st.booleans()):
        data["measured"] = draw(EXTREME_DATES)
    if draw(st.booleans()):
        data["review_every"] = draw(EXTREME_PERIODS)
    for stage in data["stages"]:
        for tp in stage["touchpoints"]:
            for kpi in tp.get("kpis", []):
                kpi["target"] = draw(EXTREME_NUMBERS)
                kpi["current"] = draw(EXTREME_NUMBERS)
                kpi["direction"] = draw(st.sampled_from(["up", "down"]))
    for opp in data.get("opportunities", []):
        opp["priority"] = draw(st.sampled_from([1, 2**31, 10**15, 10**400]))
    for ev in data.get("evidence", []):
        ev["date"] = draw(EXTREME_DATES)
    return data


#: Characters a terminal acts on, and the invisible line breaks YAML counts as lines.
CONTROL_CHARACTERS = "".join(chr(c) for c in [*range(0, 9), *range(11, 32), 127, *range(0x80, 0xA0)]) + (
    "\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"
)


def control_text() -> st.SearchStrategy[str]:
    """Text with control characters (escape sequences, carriage returns, bidi overrides) and mentions in it."""
    piece = st.one_of(
        st.text(st.sampled_from(CONTROL_CHARACTERS), min_size=1, max_size=4),
        st.sampled_from(
            ["\x1b[2K\r", "\x1b]0;owned\x07", "\x1b[1A", "\x9b31m", "@everyone", "acme/infra#1", "www.x.io"]
        ),
        st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8),
    )
    return st.lists(piece, min_size=1, max_size=5).map("".join).filter(lambda s: s.strip() != "")


def with_text_everywhere(data: Any, text: st.SearchStrategy[str], draw: st.DrawFn) -> Any:
    """``data`` with every free-text value (not ids, references or enums) replaced by a draw from ``text``."""
    keep = {"id", "cjm", "channel", "owner", "team", "system", "kind", "severity", "direction", "status", "view"}
    keep |= {"state", "phase", "journey", "touchpoint", "context", "url", "date", "updated", "measured"}
    if isinstance(data, dict):
        out = {}
        for k, v in data.items():
            if isinstance(v, str) and k not in keep and not k.startswith("x-"):
                out[k] = draw(text)
            elif k in ("personas", "next", "addresses", "evidence", "stakeholders", "kpis") and isinstance(v, list):
                out[k] = [with_text_everywhere(x, text, draw) if isinstance(x, dict) else x for x in v]
            else:
                out[k] = with_text_everywhere(v, text, draw)
        return out
    if isinstance(data, list):
        return [draw(text) if isinstance(x, str) else with_text_everywhere(x, text, draw) for x in data]
    return data


@st.composite
def control_data(draw: st.DrawFn) -> dict[str, Any]:
    """A valid journey with control characters and mentions in every text field."""
    return with_text_everywhere(draw(journey_data(max_stages=2, max_touchpoints=2)), control_text(), draw)  # type: ignore[no-any-return]


#: How a person may spell a path on the command line for ``cjm diff``: relative, dotted, doubled slashes,
#: through ``..``, with spaces, as ``REV:path``, or naming a link or something outside the repository.
DIFF_PATH_SPELLINGS = st.sampled_from(
    [
        "{f}",
        "./{f}",
        "{d}/../{f}",
        "{d}//../{f}",
        "./{d}/./../{f}",
        "../{repo}/{f}",
        "HEAD:{f}",
        "HEAD:./{f}",
        "HEAD:../{repo}/{f}",
        "HEAD:../outside.cjm.yaml",
        "HEAD:{d}",
        "HEAD:",
        "HEAD:link.cjm.yaml",
        "link.cjm.yaml",
        "HEAD:{d}/missing.cjm.yaml",
        "{d}/missing.cjm.yaml",
        "nosuchrev:{f}",
        "-rf",
        "HEAD~0",
        "HEAD",
    ]
)
