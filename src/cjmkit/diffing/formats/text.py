"""``--format text``: for a terminal (coloured) or a log (plain)."""

from __future__ import annotations

import sys
from typing import IO

from cjmkit.diagnostics.output import text_line, use_color
from cjmkit.diffing.changes import Change, DiffReport, FileDiff
from cjmkit.diffing.formats.describe import (
    counts,
    emotion_move,
    file_heading,
    file_paths,
    ordered,
    pains_move,
    plural,
    sentence,
    status_words,
)
from cjmkit.textsafety import printable

_RESET = "\033[0m"
_BOLD = "\033[1m"
_DIM = "\033[2m"
_STYLE = {"regression": "\033[31m", "improvement": "\033[32m", "neutral": _DIM}
_MARK = {"regression": "-", "improvement": "+", "neutral": "~"}


def _change_line(c: Change, color: bool) -> str:
    tag = f"{_MARK[c.impact]} {c.impact:<11}"
    if c.callout:
        tag = f"! {c.impact:<11}"
    if color:
        tag = f"{_BOLD if c.callout else ''}{_STYLE[c.impact]}{tag}{_RESET}"
    return f"  {tag} {printable(sentence(c), one_line=True)}"


def _file(f: FileDiff, out: IO[str], color: bool) -> None:
    head = f"{printable(file_paths(f), one_line=True)}: {status_words(f)}"
    out.write((f"{_BOLD}{head}{_RESET}" if color else head) + "\n")
    if f.journey_id:
        out.write(f"  journey {printable(file_heading(f), one_line=True)}\n")
    for d in f.diagnostics:
        out.write("  " + text_line(d, color) + "\n")
    for c in ordered(f.changes):
        out.write(_change_line(c, color) + "\n")
    if f.status in ("modified", "renamed"):
        s = f.summary
        out.write(f"  {counts(s)}; average emotion {emotion_move(s)}; pain points {pains_move(s)}\n")
    out.write("\n")


def write_text(report: DiffReport, stream: IO[str] | None = None, *, overall: bool = True) -> None:
    out = stream or sys.stdout
    color = use_color(out)
    if report.workspace_changes:
        head = f"{printable(report.workspace_path or '', one_line=True)}: shared catalog changed"
        out.write((f"{_BOLD}{head}{_RESET}" if color else head) + "\n")
        for c in ordered(report.workspace_changes):
            out.write(_change_line(c, color) + "\n")
        out.write("\n")
    for f in report.files:
        _file(f, out, color)
    if not overall:
        return
    s = report.summary
    changed = sum(1 for f in report.files if f.status != "unchanged")
    invalid = sum(1 for f in report.files if f.status == "invalid")
    old_label, new_label = printable(report.old_label, one_line=True), printable(report.new_label, one_line=True)
    if not report.has_changes and not report.has_invalid:
        line = f"No change in meaning between {old_label} and {new_label}."
    elif invalid == changed and not report.workspace_changes:
        line = f"{old_label} -> {new_label}: nothing compared; {plural(invalid, 'file')} could not be"
        line += " compared (see above)"
    else:
        line = (
            f"{old_label} -> {new_label}: {plural(changed, 'journey file')} changed; {counts(s)}; "
            f"average emotion {emotion_move(s)}; pain points {pains_move(s)}"
        )
        if invalid:
            line += f"; {plural(invalid, 'file')} could not be compared (left out of these figures)"
    out.write((f"{_BOLD}{line}{_RESET}" if color else line) + "\n")
