"""``cjm history`` output: a text table of changes in words, JSON series, CSV rows for spreadsheets."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from cjmkit.facts import plain_number
from cjmkit.history.series import History, JourneyHistory, Point
from cjmkit.history.versions import LINT_SEVERITIES, OPPORTUNITY_STATES, VersionFacts

NO_CHANGE = "no change in the figures"
SEVERITIES = ("critical", "high", "medium", "low", "unprioritised")


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _signed(value: float | None) -> str:
    return "-" if value is None else f"{value:+.2f}"


def _num(value: float) -> str:
    return plain_number(value)


def point_dict(point: Point) -> dict[str, Any]:
    out: dict[str, Any] = {"commit": point.commit, "date": point.date.isoformat(), "path": point.path}
    if point.renamed_from:
        out["renamed_from"] = point.renamed_from
    if point.baseline:
        out["baseline"] = True
    f = point.facts
    if f is None:
        out["removed"] = True
        return out
    if not f.valid:
        out["valid"] = False
        out["error"] = f.error
        return out
    out.update(
        valid=True,
        average_emotion=_round(f.average_emotion),
        average_emotion_gap=_round(f.average_emotion_gap),
        pain_points=f.pains,
        unaddressed_high_or_critical=f.unaddressed_high,
        kpis=f.kpis,
        kpi_values={k: v.current for k, v in f.kpi_values.items()},
        opportunities=f.opportunities,
        lint=f.lint,
    )
    return out


def to_json(history: History) -> str:
    """The JSON document: indented down to each point and KPI value, which sit on one line each.

    One line per point keeps a long history readable and quick to write (the compact
    parts go through the C encoder).
    """
    return _dump(to_dict(history), 0) + "\n"


#: Containers this deep or deeper are written on one line.
_FLAT_DEPTH = 4


def _dump(value: Any, depth: int) -> str:
    if depth >= _FLAT_DEPTH or not isinstance(value, dict | list) or not value:
        return json.dumps(value, ensure_ascii=False)
    pad = "  " * (depth + 1)
    if isinstance(value, dict):
        items = [f"{pad}{json.dumps(k, ensure_ascii=False)}: {_dump(v, depth + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + "  " * depth + "}"
    items = [pad + _dump(v, depth + 1) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + "  " * depth + "]"


def to_dict(history: History) -> dict[str, Any]:
    return {
        "shallow": history.shallow,
        "commits": [{"commit": c.id, "date": c.date.isoformat(), "subject": c.subject} for c in history.commits],
        "journeys": [
            {
                "id": j.id,
                "title": j.title,
                "path": j.path,
                "points": [point_dict(p) for p in j.points],
                "kpis": [
                    {
                        "id": k.id,
                        "name": k.name,
                        "unit": k.unit,
                        "direction": k.direction,
                        "values": [
                            {"date": v.date.isoformat(), "value": v.value, "target": v.target, "commit": v.commit}
                            for v in k.points
                        ],
                    }
                    for k in j.kpis.values()
                ],
            }
            for j in history.journeys
        ],
    }


CSV_COLUMNS = (
    "journey",
    "commit",
    "date",
    "path",
    "state",
    "error",
    "average_emotion",
    "average_emotion_gap",
    *(f"pains_{s}" for s in SEVERITIES),
    "unaddressed_high_or_critical",
    "kpis_on_target",
    "kpis_off_target",
    "kpis_no_data",
    *(f"opportunities_{s.replace('-', '_')}" for s in OPPORTUNITY_STATES),
    *(f"lint_{s}" for s in LINT_SEVERITIES),
)


def to_csv(history: History) -> str:
    """One row per journey and commit that changed it (values hold until the journey's next row)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for j in history.journeys:
        for p in j.points:
            f = p.facts
            state = "removed" if f is None else ("valid" if f.valid else "invalid")
            row: list[Any] = [j.id, p.commit, p.date.isoformat(), p.path, state, f.error if f else ""]
            if f is None or not f.valid:
                row += [""] * (len(CSV_COLUMNS) - len(row))
            else:
                row += [_round(f.average_emotion), _round(f.average_emotion_gap)]
                row += [f.pains.get(s, 0) for s in SEVERITIES]
                row += [f.unaddressed_high, f.kpis.get("on-target", 0), f.kpis.get("off-target", 0)]
                row += [f.kpis.get("no-data", 0)]
                row += [f.opportunities.get(s, 0) for s in OPPORTUNITY_STATES]
                row += [(f.lint or {}).get(s, "") if f.lint is not None else "" for s in LINT_SEVERITIES]
            writer.writerow(["" if v is None else v for v in row])
    return buf.getvalue()


# -- the change in words -------------------------------------------------------


def describe(before: VersionFacts | None, point: Point, after_gap: bool = False) -> str:
    """What changed in a journey at one commit, in words (``before``: its last valid version)."""
    after = point.facts
    moved = f"moved from {point.renamed_from}; " if point.renamed_from else ""
    if after is None:
        return "removed"
    if not after.valid:
        return f"{moved}invalid ({after.error}): shown as a gap"
    if before is None:
        return moved + _summary(after)
    parts = _differences(before, after)
    if after_gap:
        return moved + "valid again" + (": " + "; ".join(parts) if parts else "")
    return moved + ("; ".join(parts) if parts else NO_CHANGE)


def _summary(f: VersionFacts) -> str:
    pains = sum(f.pains.values())
    return (
        f"emotion {_signed(f.average_emotion)}, gap {_signed(f.average_emotion_gap)}, "
        f"{pains} pain point{'s' if pains != 1 else ''}, "
        f"KPIs on target {f.kpis.get('on-target', 0)}/{len(f.kpi_values)}"
    )


def _differences(a: VersionFacts, b: VersionFacts) -> list[str]:
    parts = []
    if _round(a.average_emotion) != _round(b.average_emotion):
        parts.append(f"emotion {_signed(a.average_emotion)} -> {_signed(b.average_emotion)}")
    if _round(a.average_emotion_gap) != _round(b.average_emotion_gap):
        parts.append(f"gap {_signed(a.average_emotion_gap)} -> {_signed(b.average_emotion_gap)}")
    for sev in SEVERITIES:
        diff = b.pains.get(sev, 0) - a.pains.get(sev, 0)
        if diff:
            word = "more" if diff > 0 else "fewer"
            label = sev if sev != "unprioritised" else "unprioritised"
            parts.append(f"{abs(diff)} {word} {label} pain point{'s' if abs(diff) != 1 else ''}")
    if a.unaddressed_high != b.unaddressed_high:
        parts.append(f"unaddressed high+critical {a.unaddressed_high} -> {b.unaddressed_high}")
    for kid, kpi in b.kpi_values.items():
        old = a.kpi_values.get(kid)
        target = f" (target {_num(kpi.target)})" if kpi.target is not None else ""
        if old is None:
            parts.append(f"KPI {kid} added" + (f" at {_num(kpi.current)}" if kpi.current is not None else "") + target)
            continue
        if old.current != kpi.current and kpi.current is not None:
            was = "-" if old.current is None else _num(old.current)
            parts.append(f"KPI {kid} {was} -> {_num(kpi.current)}{target}")
        if old.target != kpi.target:
            was = "none" if old.target is None else _num(old.target)
            parts.append(f"KPI {kid} target {was} -> {'none' if kpi.target is None else _num(kpi.target)}")
    for oid in b.done:
        if oid not in a.done:
            parts.append(f"opportunity {oid} done")
    # Opportunities that became done are named above; other moves between statuses are counted.
    newly_done = sum(1 for oid in b.done if oid not in a.done)
    deltas = {state: b.opportunities.get(state, 0) - a.opportunities.get(state, 0) for state in OPPORTUNITY_STATES}
    others = [d for state, d in deltas.items() if state != "done"]
    if any(d > 0 for d in others) or deltas["done"] < 0 or -sum(others) != newly_done:
        moved = [
            f"{state} {a.opportunities.get(state, 0)} -> {b.opportunities.get(state, 0)}"
            for state, d in deltas.items()
            if d
        ]
        parts.append("opportunities " + ", ".join(moved))
    if a.lint is not None and b.lint is not None and a.lint != b.lint:
        e, w, i = (b.lint.get(s, 0) for s in LINT_SEVERITIES)
        parts.append(f"lint now {e} error{'s' if e != 1 else ''}, {w} warning{'s' if w != 1 else ''}, {i} info")
    return parts


def changes(history: History) -> list[tuple[str, str, str, str]]:
    """(date, short commit, journey, change in words) in commit order."""
    last: dict[str, VersionFacts | None] = {}
    in_gap: set[str] = set()
    rows: list[tuple[int, str, str, str, str]] = []
    order = {c.id: i for i, c in enumerate(history.commits)}
    for j in history.journeys:
        for p in j.points:
            before = last.get(j.id)
            if not p.baseline:  # the state before the range: what the first change is measured against
                words = describe(before, p, j.id in in_gap)
                rows.append((order.get(p.commit, 0), p.date.date().isoformat(), p.commit[:8], j.id, words))
            if p.facts is not None and p.facts.valid:
                last[j.id] = p.facts
                in_gap.discard(j.id)
            elif p.facts is None:
                last[j.id] = None
                in_gap.discard(j.id)
            else:
                in_gap.add(j.id)
    rows.sort(key=lambda r: (r[0], r[3]))
    return [r[1:] for r in rows]


def to_text(history: History) -> str:
    """One block per commit that changed something: its date, id and subject, then each journey's change."""
    from cjmkit.textsafety import printable

    by_commit: dict[str, list[tuple[str, str]]] = {}
    for _, short, jid, words in changes(history):
        if words == NO_CHANGE:
            continue  # the file changed, but none of the figures history follows
        by_commit.setdefault(short, []).append((jid, words))
    lines = []
    for c in history.commits:
        entries = by_commit.get(c.id[:8])
        if not entries:
            continue
        lines.append(f"{c.date.date().isoformat()}  {c.id[:8]}  {printable(c.subject, one_line=True)}")
        width = max(len(j) for j, _ in entries)
        lines += [f"    {printable(j, one_line=True).ljust(width)}  {printable(w, one_line=True)}" for j, w in entries]
    if not lines:
        if history.commits:
            n = len(history.commits)
            return (
                f"{n} commit{'s' if n != 1 else ''} in this range changed journey files, but none changed a figure "
                "that history follows (emotions, pain points, KPIs, opportunities, lint counts).\n"
            )
        return "No commit in this range changed a journey file.\n"
    return "\n".join(lines) + "\n"


def journey_rows(j: JourneyHistory) -> list[dict[str, Any]]:
    return [point_dict(p) for p in j.points]
