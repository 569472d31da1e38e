"""``--format markdown``: a pull-request comment, summary table first, details folded per journey.

Everything a user wrote (titles, descriptions, ids, paths, even revision
names) is escaped, so a map cannot inject HTML, links, images or @-mentions
into the comment.
"""

from __future__ import annotations

import html
import re
import sys
from typing import IO

from cjmkit.diagnostics.output import location
from cjmkit.diffing.changes import Change, DiffReport, FileDiff, Summary
from cjmkit.diffing.formats.describe import (
    FILE_STATUS_WORDS,
    emotion_move,
    file_heading,
    file_paths,
    ordered,
    pains_move,
    plural,
    sentence,
    status_words,
)
from cjmkit.textsafety import inert_references, printable

_MD_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#|~!:])")
_HEADINGS = {"regression": "Regressions", "improvement": "Improvements", "neutral": "Other changes"}
_ICON = {"regression": "🔴", "improvement": "🟢", "neutral": "⚪"}


def escape(text: str) -> str:
    """Text that renders literally in GitHub markdown: no HTML, no links, no emphasis, no mentions."""
    # Escaped as in the text output, so a Markdown report printed to a terminal cannot drive it either.
    text = inert_references(printable(" ".join(str(text).split()), one_line=True))
    # Quotes need no escaping outside attributes, and "&#x27;" would have its "#" escaped below.
    text = html.escape(text, quote=False)
    return _MD_PUNCTUATION.sub(r"\\\1", text).replace("@", "&#64;")


def escape_html(text: str) -> str:
    """Text for inside an HTML block (``<summary>``), where markdown escapes would show literally."""
    text = printable(" ".join(str(text).split()), one_line=True)
    return html.escape(inert_references(text), quote=True).replace("@", "&#64;")


def _row(name: str, where: str, s: Summary) -> str:
    cells = [
        name,
        where,
        str(s.improvements),
        str(s.regressions),
        str(s.neutral),
        escape(emotion_move(s)),
        escape(pains_move(s)),
    ]
    return "| " + " | ".join(cells) + " |"


def _change_item(c: Change) -> str:
    text = escape(sentence(c))
    return f"- {'**' + text + '**' if c.callout else text}"


def _details(f: FileDiff) -> list[str]:
    s = f.summary
    head = f"{escape_html(file_heading(f))}: {escape_html(status_words(f))}"
    if f.status in ("modified", "renamed"):
        head += f", {plural(s.improvements, 'improvement')}, {plural(s.regressions, 'regression')}"
    lines = ["<details>", f"<summary>{head}</summary>", "", f"File: {escape(file_paths(f))}", ""]
    for d in f.diagnostics:
        lines.append(f"- {escape(location(d))}: {escape(d.message)}")
    by_impact: dict[str, list[Change]] = {}
    for c in ordered(f.changes):
        by_impact.setdefault(c.impact, []).append(c)
    for impact, changes in by_impact.items():
        lines += [f"**{_ICON[impact]} {_HEADINGS[impact]}**", ""]
        lines += [_change_item(c) for c in changes]
        lines.append("")
    lines += ["</details>", ""]
    return lines


def render_markdown(report: DiffReport) -> str:
    lines = [f"### Journey map changes: {escape(report.old_label)} → {escape(report.new_label)}", ""]
    if not report.has_changes and not report.has_invalid:
        lines.append("No change in meaning to any journey map.")
        return "\n".join(lines) + "\n"
    callouts = [c for c in report.changes if c.callout and c.field != "rank"]
    if callouts:
        lines.append(f"> **{plural(len(callouts), 'new high or critical pain point')}:**")
        lines += [f"> - {escape(sentence(c))}" for c in callouts]
        lines.append("")
    top = [c for c in report.changes if c.callout and c.field == "rank"]
    if top:
        lines.append(f"> **{plural(len(top), 'opportunity', 'opportunities')} moved into the top 5 of a backlog:**")
        lines += [f"> - {escape(sentence(c))}" for c in top]
        lines.append("")
    lines += [
        "| Journey | Status | Improvements | Regressions | Neutral | Average emotion | Pain points |",
        "|---|---|---:|---:|---:|---|---|",
    ]
    for f in report.files:
        if f.status == "invalid":  # not compared: no figures rather than every count dropping to 0
            cells = [escape(file_heading(f)), escape(status_words(f)), "", "", "", "not compared", "not compared"]
            lines.append("| " + " | ".join(cells) + " |")
        else:
            lines.append(_row(escape(file_heading(f)), escape(FILE_STATUS_WORDS[f.status]), f.summary))
    if report.workspace_changes:
        ws = Summary()
        ws.count(report.workspace_changes)
        lines.append(_row("Shared catalog", escape(report.workspace_path or "cjm.yaml"), ws))
    lines.append(_row("**All**", "", report.summary))
    lines.append("")
    if report.workspace_changes:
        lines += ["<details>", "<summary>Shared catalog</summary>", ""]
        lines += [_change_item(c) for c in ordered(report.workspace_changes)]
        lines += ["", "</details>", ""]
    for f in report.files:
        if f.status != "unchanged":
            lines += _details(f)
    return "\n".join(lines) + "\n"


def write_markdown(report: DiffReport, stream: IO[str] | None = None) -> None:
    (stream or sys.stdout).write(render_markdown(report))
