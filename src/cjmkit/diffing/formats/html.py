"""``--format html``: the journey's flow diagram with what was added, removed and changed highlighted,
then the change list. One self-contained page to attach to a review or open in a browser."""

from __future__ import annotations

from html import escape

from cjmkit.diffing.changes import Change, DiffReport, FileDiff
from cjmkit.diffing.formats.describe import (
    counts,
    emotion_move,
    file_heading,
    file_paths,
    ordered,
    pains_move,
    sentence,
    status_words,
)
from cjmkit.model.catalog import Catalog
from cjmkit.model.journey import Journey

#: The report's policy (templates/report/base.html.j2): no script, no outside request, no form.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
)

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2rem; color: #1f2328; max-width: 80rem; }
h1 { font-size: 1.4rem; } h2 { font-size: 1.15rem; margin-top: 2.5rem; border-bottom: 1px solid #d0d7de; }
.summary, .meta { color: #57606a; }
ul.changes { list-style: none; padding-left: 0; }
ul.changes li { padding: 0.2rem 0.4rem; border-left: 4px solid #d0d7de; margin: 0.2rem 0; }
li.regression { border-color: #cf222e; } li.improvement { border-color: #1a7f37; }
li.callout { font-weight: 600; background: #ffebe9; }
.tag { display: inline-block; min-width: 6.5rem; font-size: 0.8rem; text-transform: uppercase; color: #57606a; }
.diagram { overflow-x: auto; border: 1px solid #d0d7de; padding: 0.5rem; margin: 0.5rem 0; }
.diagnostic { color: #cf222e; font-family: ui-monospace, monospace; }
"""


def highlights(changes: list[Change], side: str) -> dict[str, str]:
    """Stage and touchpoint ids to mark on one side's diagram: added (new side), removed (old side), changed."""
    marks: dict[str, str] = {}
    for c in changes:
        if c.item in ("stage", "touchpoint"):
            if c.kind == "added":
                if side == "new":
                    marks[c.id] = "added"
            elif c.kind == "removed":
                if side == "old":
                    marks[c.id] = "removed"
            else:
                marks.setdefault(c.id, "changed")
        elif c.item in ("pain point", "KPI", "experience") and c.where:
            # A change inside a touchpoint shows on the touchpoint.
            marks.setdefault(c.where, "changed")
    return marks


def _diagram(journey: Journey, catalog: Catalog | None, marks: dict[str, str], engine: str) -> str:
    from cjmkit.errors import RenderError
    from cjmkit.rendering.dot import flow_dot
    from cjmkit.rendering.engine import inline_svg, render_svg

    try:
        return inline_svg(render_svg(flow_dot(journey, catalog, highlight=marks), engine=engine))
    except RenderError as err:
        return f'<p class="meta">The diagram could not be drawn: {escape(str(err))}</p>'


def _change_list(changes: list[Change]) -> list[str]:
    out = ['<ul class="changes">']
    for c in ordered(changes):
        cls = f"{c.impact}{' callout' if c.callout else ''}"
        out.append(f'<li class="{cls}"><span class="tag">{c.impact}</span> {escape(sentence(c))}</li>')
    out.append("</ul>")
    return out


def _file(f: FileDiff, engine: str) -> list[str]:
    out = [
        f"<h2>{escape(file_heading(f))}</h2>",
        f'<p class="meta">{escape(file_paths(f))}: {escape(status_words(f))}</p>',
    ]
    out += [
        f'<p class="diagnostic">{escape(d.path)}:{d.line}:{d.column}: {escape(d.message)}</p>' for d in f.diagnostics
    ]
    if f.status in ("modified", "renamed"):
        s = f.summary
        out.append(
            f'<p class="summary">{escape(counts(s))}; average emotion {escape(emotion_move(s))}; '
            f"pain points {escape(pains_move(s))}</p>"
        )
    if f.status != "unchanged":
        removed_marks = highlights(f.changes, "old")
        if f.new_journey is not None:
            out += ["<h3>After</h3>", '<div class="diagram">']
            out.append(_diagram(f.new_journey, f.new_catalog, highlights(f.changes, "new"), engine))
            out.append("</div>")
        if f.old_journey is not None and (f.new_journey is None or "removed" in removed_marks.values()):
            out += ["<h3>Before</h3>", '<div class="diagram">']
            out.append(_diagram(f.old_journey, f.old_catalog, removed_marks, engine))
            out.append("</div>")
    out += _change_list(f.changes)
    return out


def render_html(report: DiffReport, engine: str = "auto") -> str:
    title = f"Journey map changes: {report.old_label} → {report.new_label}"
    body = [f"<h1>{escape(title)}</h1>"]
    s = report.summary
    body.append(
        f'<p class="summary">{escape(counts(s))}; average emotion {escape(emotion_move(s))}; '
        f"pain points {escape(pains_move(s))}</p>"
    )
    if report.workspace_changes:
        body.append(f"<h2>Shared catalog ({escape(report.workspace_path or 'cjm.yaml')})</h2>")
        body += _change_list(report.workspace_changes)
    for f in report.files:
        body += _file(f, engine)
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
