"""The backlog as text, Markdown, JSON, CSV and CSV files the issue trackers import."""

from __future__ import annotations

import csv
import html
import io
import json
import re

from cjmkit.facts import plain_number
from cjmkit.planning.backlog import PainRef, Plan, PlanItem
from cjmkit.textsafety import inert_references

FORMATS = ("text", "markdown", "json", "csv", "github-csv", "jira-csv")

#: The columns of the plain table (text, and the rich table on a terminal).
TABLE_HEADERS = ("#", "Score", "Opportunity", "Journey", "Status", "Owner", "Addresses")


def score_text(item: PlanItem) -> str:
    if item.score is None:
        return "unscored"
    return f"{item.shown_score} {item.quadrant}" if item.quadrant else item.shown_score


def factors_text(item: PlanItem) -> str:
    return ", ".join(f"{name} {plain_number(value)}" for name, value in item.factors.items())


def _addresses(item: PlanItem) -> str:
    if not item.pains:
        return "-"
    worst = item.worst_severity
    count = sum(1 for p in item.pains if p.severity == worst) if worst else 0
    head = f"{count} {worst}" if worst else ""
    rest = len(item.pains) - count
    parts = [head] if head else []
    if rest:
        parts.append(f"{rest} other{'s' if rest > 1 else ''}")
    return " + ".join(parts)


def table_rows(plan: Plan) -> list[tuple[str, ...]]:
    """The rows of the text table, every cell safe to print on a terminal."""
    from cjmkit.textsafety import printable

    rows = [
        (
            str(i.rank),
            score_text(i),
            f"{i.id}{f' (priority {i.priority})' if i.priority else ''}",
            i.journey,
            i.status,
            i.owner or "-",
            _addresses(i),
        )
        for i in plan.items
    ]
    return [tuple(printable(cell, one_line=True) for cell in row) for row in rows]


def _pain_line(p: PainRef) -> str:
    from cjmkit.textsafety import printable

    importance = f", importance {p.importance}/5" if p.importance else ""
    line = f"[{p.severity}] {p.description} ({p.journey}: {p.stage} > {p.touchpoint}{importance})"
    return printable(line, one_line=True)


def heading(plan: Plan) -> str:
    model = f"scored by {plan.model}" if plan.model else "no scoring model in cjm.yaml: ranked by priority"
    n = len(plan.items)
    shown = f"{n} of {plan.total}" if n != plan.total else str(n)
    return f"Backlog: {shown} opportunit{'y' if plan.total == 1 else 'ies'}, {model}"


def to_text(plan: Plan) -> str:
    rows = [TABLE_HEADERS, *table_rows(plan)]
    widths = [max(len(r[c]) for r in rows) for c in range(len(TABLE_HEADERS))]
    lines = [heading(plan), ""]
    for n, row in enumerate(rows):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines += ["", *unaddressed_lines(plan)]
    return "\n".join(lines) + "\n"


def unaddressed_lines(plan: Plan) -> list[str]:
    """The high and critical pain points nobody addresses, as lines of text."""
    if not plan.unaddressed:
        return ["Every high and critical pain point is addressed by an opportunity."]
    n = len(plan.unaddressed)
    head = f"High and critical pain points no opportunity addresses ({n}):"
    return [head, *(f"  {_pain_line(p)}" for p in plan.unaddressed)]


_MD_PUNCTUATION = re.compile(r"([\\`*_{}\[\]|~<>])")  # brackets close any link, so ( ) stay readable


def _md(text: str) -> str:
    """Text that renders literally in Markdown on a code host: no HTML, links, emphasis or mentions."""
    from cjmkit.textsafety import inert_references, printable

    text = inert_references(printable(" ".join(text.split()), one_line=True))
    return _MD_PUNCTUATION.sub(r"\\\1", html.escape(text, quote=False)).replace("@", "&#64;")


def to_markdown(plan: Plan) -> str:
    lines = [f"## {heading(plan)}", ""]
    if plan.items:
        lines += [
            "| # | Opportunity | Score | Factors | Pain points addressed | Journey › stages | Owner | Stakeholders "
            "| KPIs (current / target) |",
            "|---:|---|---|---|---|---|---|---|---|",
        ]
        for i in plan.items:
            pains = "<br>".join(
                f"{p.severity or 'unprioritised'}: {_md(p.description)}"
                + (f" (importance {p.importance}/5)" if p.importance else "")
                for p in i.pains
            )
            title = f"**{_md(i.title)}** `{i.id}` · {i.status}" + (f" · priority {i.priority}" if i.priority else "")
            lines.append(
                "| "
                + " | ".join(
                    [
                        str(i.rank),
                        title,
                        score_text(i),
                        factors_text(i) or "–",
                        pains or "–",
                        _md(i.journey_title) + (" › " + ", ".join(_md(s) for s in i.stages) if i.stages else ""),
                        i.owner or "–",
                        ", ".join(i.stakeholders) or "–",
                        "<br>".join(_md(k.shown()) for k in i.kpis) or "–",
                    ]
                )
                + " |"
            )
    else:
        lines.append("No open opportunity.")
    lines += ["", "### High and critical pain points no opportunity addresses", ""]
    if plan.unaddressed:
        lines += ["| Severity | Pain point | Where | Importance to customers |", "|---|---|---|---:|"]
        for p in plan.unaddressed:
            where = f"{_md(p.journey)}: {_md(p.stage)} › {_md(p.touchpoint)}"
            imp = f"{p.importance} / 5" if p.importance else "–"
            lines.append(f"| {p.severity} | {_md(p.description)} | {where} | {imp} |")
    else:
        lines.append("None: every one is addressed.")
    return "\n".join(lines) + "\n"


def to_json(plan: Plan) -> str:
    return json.dumps(plan.to_dict(), indent=2, ensure_ascii=False) + "\n"


CSV_HEADERS = (
    "rank",
    "journey",
    "id",
    "title",
    "status",
    "priority",
    "score",
    "quadrant",
    "factors",
    "owner",
    "stakeholders",
    "pain_points",
    "worst_severity",
    "stages",
    "kpis",
)


def _csv(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")  # RFC 4180, as spreadsheets and importers expect
    writer.writerows(rows)
    return buf.getvalue()


def _safe(cell: str) -> str:
    # A map's text must not become a formula in someone's spreadsheet or tracker.
    from cjmkit.authoring.csv_format import protect_cell

    return protect_cell(cell)


def to_csv(plan: Plan) -> str:
    rows = [list(CSV_HEADERS)]
    for i in plan.items:
        row = [
            str(i.rank),
            i.journey,
            i.id,
            i.title,
            i.status,
            "" if i.priority is None else str(i.priority),
            "" if i.score is None else plain_number(round(i.score, 4)),
            i.quadrant or "",
            "; ".join(f"{k}={plain_number(v)}" for k, v in i.factors.items()),
            i.owner or "",
            " ".join(i.stakeholders),
            " ".join(p.id for p in i.pains),
            i.worst_severity or "",
            "; ".join(i.stages),
            "; ".join(k.shown() for k in i.kpis),
        ]
        rows.append([_safe(c) for c in row])
    return _csv(rows)


def issue_body(item: PlanItem) -> str:
    """The description of the issue a tracker creates for one opportunity (Markdown)."""
    lines = [f"Rank {item.rank} in the journey-map backlog ({score_text(item)})."]
    if item.factors:
        lines.append(f"Factors: {factors_text(item)}.")
    lines.append(f"Journey: {item.journey_title} ({item.path}){' › ' + ', '.join(item.stages) if item.stages else ''}.")
    if item.pains:
        lines += ["", "Pain points addressed:"]
        lines += [f"- {p.severity or 'unprioritised'}: {p.description}" for p in item.pains]
    if item.kpis:
        lines += ["", "KPIs:"]
        lines += [f"- {k.shown()}" for k in item.kpis]
    if item.stakeholders:
        lines += ["", f"Teams that must act: {', '.join(item.stakeholders)}."]
    return "\n".join(lines)


def _labels(item: PlanItem) -> list[str]:
    labels = ["cjm", f"journey:{item.journey}", item.status]
    if item.owner:
        labels.append(f"team:{item.owner}")
    if item.quadrant:
        labels.append(item.quadrant.replace(" ", "-"))
    return labels


#: GitHub: the columns github-csv-tools (``githubCsvTools plan.csv``) imports as issues.
GITHUB_HEADERS = ("title", "body", "labels")


def to_github_csv(plan: Plan) -> str:
    rows = [list(GITHUB_HEADERS)]
    # Map text must not notify '@team' or link '#12' in the repository the issues land in.
    rows += [
        [_safe(inert_references(i.title)), _safe(inert_references(issue_body(i))), _safe(",".join(_labels(i)))]
        for i in plan.items
    ]
    return _csv(rows)


#: Jira's CSV importer: each column is mapped to a field in the import wizard; Labels repeats
#: (a repeated column is read as several values). Headers without punctuation, as Jira asks.
JIRA_HEADERS = ("Summary", "Issue Type", "Priority", "Description", "Component")
JIRA_PRIORITY = {"critical": "Highest", "high": "High", "medium": "Medium", "low": "Low"}
JIRA_LABELS = 6


def to_jira_csv(plan: Plan) -> str:
    rows = [[*JIRA_HEADERS, *(["Labels"] * JIRA_LABELS)]]
    for i in plan.items:
        # Jira labels cannot hold spaces; ':' reads well in a filter. The last one names the
        # opportunity, so a second import can be matched with the first.
        labels = [label.replace(" ", "-") for label in (*_labels(i), f"opportunity:{i.journey}/{i.id}")]
        rows.append(
            [
                _safe(i.title),
                "Task",
                JIRA_PRIORITY.get(i.worst_severity or "", "Medium"),
                _safe(issue_body(i)),
                _safe(i.owner or ""),
                *(_safe(label) for label in labels),
                *[""] * (JIRA_LABELS - len(labels)),
            ]
        )
    return _csv(rows)


WRITERS = {
    "text": to_text,
    "markdown": to_markdown,
    "json": to_json,
    "csv": to_csv,
    "github-csv": to_github_csv,
    "jira-csv": to_jira_csv,
}


def write(plan: Plan, fmt: str) -> str:
    """The plan in ``fmt`` (one of :data:`FORMATS`)."""
    return WRITERS[fmt](plan)
