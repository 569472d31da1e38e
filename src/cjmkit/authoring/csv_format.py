"""The spreadsheet layout shared by ``cjm export csv`` and ``cjm import csv``.

One row per touchpoint (a stage without touchpoints gets one row with the
touchpoint columns empty).  Stage columns repeat on every row of the stage.
Lists hold one item per line inside the cell.  Backstage steps, pain points
and KPIs hold one item per line, their fields separated by `` | ``; a ``|`` or
``\\`` inside a field is written ``\\|`` / ``\\\\``, a line break ``\\n``.

Spreadsheets run a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return as a formula, so an export could carry an attack from one
map's text into someone's spreadsheet.  Such cells are written with a leading
``'`` (which spreadsheets show as text); a cell that really starts with ``'``
gets one more, so the import can always remove exactly one.
"""

from __future__ import annotations

import re

COLUMNS: tuple[str, ...] = (
    "journey",
    "journey_title",
    "stage",
    "stage_name",
    "stage_description",
    "stage_owner",
    "stage_phase",
    "stage_goal",
    "stage_quotes",
    "touchpoint",
    "touchpoint_name",
    "description",
    "channel",
    "owner",
    "personas",
    "actions",
    "thoughts",
    "feelings",
    "emotion",
    "desired_emotion",
    "importance_customer",
    "importance_company",
    "performance_customer",
    "performance_company",
    "moment_of_truth",
    "next",
    "backstage",
    "pain_points",
    "kpis",
    "evidence",
)

#: Stage columns and the stage key each one holds.
STAGE_COLUMNS = {
    "stage_name": "name",
    "stage_description": "description",
    "stage_owner": "owner",
    "stage_phase": "phase",
    "stage_goal": "goal",
    "stage_quotes": "quotes",
}
#: Touchpoint columns holding one touchpoint key each.
TOUCHPOINT_COLUMNS = {
    "touchpoint_name": "name",
    **{
        c: c
        for c in (
            "description",
            "channel",
            "owner",
            "personas",
            "actions",
            "thoughts",
            "feelings",
            "emotion",
            "desired_emotion",
            "moment_of_truth",
            "next",
            "backstage",
            "evidence",
        )
    },
}
#: Rating columns and the rating (measure, side) each one holds.
RATING_COLUMNS = {f"{m}_{side}": (m, side) for m in ("importance", "performance") for side in ("customer", "company")}
BACKSTAGE_FIELDS = ("team", "system", "process")
PAIN_POINT_FIELDS = ("id", "severity", "description", "evidence")
KPI_FIELDS = ("id", "name", "unit", "target", "current", "direction", "cadence", "owner", "description")

#: A persona's column group, after the fixed columns: ``experience:<persona>`` holds the position of the
#: persona's experience in the touchpoint's list (1 = first; empty: none), then one column per field.
EXPERIENCE_PREFIX = "experience:"
EXPERIENCE_FIELDS = ("emotion", "desired_emotion", "feelings", "thoughts", "importance", "performance", "pain_points")
EXPERIENCE_LISTS = ("feelings", "thoughts", "pain_points")


def experience_columns(persona: str) -> list[str]:
    """The column group of one persona."""
    return [f"{EXPERIENCE_PREFIX}{persona}", *(f"{EXPERIENCE_PREFIX}{persona}:{f}" for f in EXPERIENCE_FIELDS)]


def experience_column(name: str) -> tuple[str, str | None] | None:
    """``experience:analyst:emotion`` -> ``("analyst", "emotion")``; ``experience:analyst`` -> ``("analyst", None)``;
    None for any other column (or an unknown field)."""
    if not name.startswith(EXPERIENCE_PREFIX):
        return None
    persona, _, key = name[len(EXPERIENCE_PREFIX) :].partition(":")
    if not persona or (key and key not in EXPERIENCE_FIELDS):
        return None
    return persona, key or None


def known_column(name: str) -> bool:
    return name in COLUMNS or experience_column(name) is not None


_RISKY_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?\Z")


def protect_cell(value: str) -> str:
    """Make a cell safe to open in a spreadsheet (reversed by :func:`unprotect_cell`)."""
    if value.startswith("'") or (value.startswith(_RISKY_START) and not _PLAIN_NUMBER.match(value)):
        return "'" + value
    return value


def unprotect_cell(value: str) -> str:
    return value[1:] if value.startswith("'") else value


def escape_field(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\r", "\\r").replace("\n", "\\n")


def unescape_field(text: str) -> str:
    out = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append({"n": "\n", "r": "\r"}.get(nxt, nxt))
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def split_fields(line: str) -> list[str]:
    """``a | b \\| c`` -> ``["a", "b | c"]`` (fields trimmed, escapes undone)."""
    parts: list[str] = []
    current: list[str] = []
    i = 0
    while i < len(line):
        ch = line[i]
        if ch == "\\" and i + 1 < len(line):
            current.append(line[i : i + 2])
            i += 2
            continue
        if ch == "|":
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
        i += 1
    parts.append("".join(current))
    return [unescape_field(p.strip()) for p in parts]


def join_fields(values: list[str]) -> str:
    return " | ".join(escape_field(v) for v in values)


def join_list(items: list[str]) -> str:
    """A list as one cell: one item per line."""
    return "\n".join(escape_field(i) for i in items)


def split_list(cell: str) -> list[str]:
    return [unescape_field(line.strip()) for line in cell.splitlines() if line.strip()]
