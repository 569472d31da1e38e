"""Charts of a journey's history: emotion and gap over time, pain points by severity, KPIs against targets.

Plain SVG (no script: the report's Content-Security-Policy forbids it), drawn from
:class:`cjmkit.history.series.JourneyHistory`. Each chart has a title and a
description for screen readers and a table of the same numbers beside it, so
colour and position are never the only way to read a value. Every plotted point
carries ``data-date`` and ``data-value`` so a test can check where it sits.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from cjmkit.facts import plain_number
from cjmkit.rendering.palette import SEVERITY_COLOURS

if TYPE_CHECKING:
    from cjmkit.history.series import JourneyHistory, KpiSeries, Point

#: Size of the trend chart and of its two bands (emotion and gap above, pain points below).
WIDTH, HEIGHT = 640, 300
LEFT, RIGHT = 44, 16
TOP, MID, BOTTOM = 16, 170, 270
KPI_WIDTH, KPI_HEIGHT = 320, 140
SPARK_WIDTH, SPARK_HEIGHT = 120, 28
#: Ink of the observed emotion line and of the gap line (both at least 4.5:1 on white).
EMOTION_INK = "#0d2b45"
GAP_INK = "#8a3b00"
GRID = "#d0d7de"
STACK_ORDER = ("critical", "high", "medium", "low", "unprioritised")


@dataclass
class _Scale:
    start: float
    end: float
    low: float
    high: float
    x0: float
    x1: float
    y0: float
    y1: float

    def x(self, t: float) -> float:
        if self.end == self.start:
            return round((self.x0 + self.x1) / 2, 2)
        return round(self.x0 + (t - self.start) / (self.end - self.start) * (self.x1 - self.x0), 2)

    def y(self, v: float) -> float:
        if self.high == self.low:
            return round((self.y0 + self.y1) / 2, 2)
        return round(self.y1 - (v - self.low) / (self.high - self.low) * (self.y1 - self.y0), 2)


def _t(date: dt.datetime | dt.date) -> float:
    if isinstance(date, dt.datetime):
        return date.timestamp()
    return dt.datetime(date.year, date.month, date.day, tzinfo=dt.UTC).timestamp()


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:+.2f}"


def _plain(value: float) -> str:
    return plain_number(value)


def _runs(coords: list[tuple[float, float] | None]) -> list[str]:
    """Polyline point lists, broken where a value is missing (an invalid version is a gap, not a zero)."""
    runs: list[list[str]] = [[]]
    for c in coords:
        if c is None:
            runs.append([])
        else:
            runs[-1].append(f"{c[0]},{c[1]}")
    return [" ".join(r) for r in runs if r]


def _done_markers(history: JourneyHistory) -> list[tuple[Point, list[str]]]:
    """The points at which opportunities moved to done, with their ids."""
    out = []
    before: set[str] | None = None  # what was done when the history begins is no event
    for p in history.points:
        if p.facts is None or not p.facts.valid:
            continue
        new = [o for o in p.facts.done if before is not None and o not in before]
        if new:
            out.append((p, new))
        before = set(p.facts.done)
    return out


def trend_svg(history: JourneyHistory, ident: str = "trend") -> str:
    """Emotion (solid) and gap (dashed) over time; pain points by severity as stacked steps; ✓ where work got done."""
    points = history.points
    valid = [p for p in points if p.facts is not None and p.facts.valid]
    values = [v for p in valid for v in (p.facts.average_emotion, p.facts.average_emotion_gap) if v is not None]  # type: ignore[union-attr]
    low = float(math.floor(min([-2.0, *values])))
    high = float(math.ceil(max([2.0, *values])))
    times = [_t(p.date) for p in points] or [0.0]
    sc = _Scale(min(times), max(times), low, high, LEFT, WIDTH - RIGHT, TOP, MID)
    most = max([sum(p.facts.pains.values()) for p in valid] or [0])  # type: ignore[union-attr]
    pains = _Scale(sc.start, sc.end, 0, max(most, 1), LEFT, WIDTH - RIGHT, MID + 20, BOTTOM)
    first, last = points[0].date.date(), points[-1].date.date()
    out = [
        f'<svg class="trend" role="img" aria-labelledby="{ident}-t {ident}-d" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" xmlns="http://www.w3.org/2000/svg" font-family="sans-serif" font-size="11">',
        f'<title id="{ident}-t">{escape(history.title)}: average emotion and gap from {first} to {last}</title>',
        f'<desc id="{ident}-d">Solid line: average observed emotion. Dashed line: average gap between desired and '
        "observed emotion. Bars below: open pain points by severity. The table below the chart has "
        "the same numbers.</desc>",
    ]
    step = 1.0 if high - low <= 6 else 2.0
    level = float(int(low))
    while level <= high:
        y = sc.y(level)
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y}" y2="{y}" stroke="{GRID}" '
            f'stroke-width="{2 if level == 0 else 1}"/>'
        )
        out.append(f'<text x="{LEFT - 6}" y="{y + 4}" text-anchor="end" fill="#1f2328">{level:+g}</text>')
        level += step
    # Invalid versions: a hatched band says "no reading here".
    for i, p in enumerate(points):
        if p.facts is not None and not p.facts.valid:
            x = sc.x(times[i])
            out.append(
                f'<rect class="invalid" x="{x - 4}" y="{TOP}" width="8" height="{BOTTOM - TOP}" fill="#eaeef2">'
                f"<title>{p.date.date()} {escape(p.commit[:8])}: invalid ({escape(p.facts.error or '')})</title></rect>"
            )
    emo: list[tuple[float, float] | None] = []
    gap: list[tuple[float, float] | None] = []
    for i, p in enumerate(points):
        f = p.facts
        x = sc.x(times[i])
        emo.append(
            (x, sc.y(f.average_emotion)) if f is not None and f.valid and f.average_emotion is not None else None
        )
        gap.append(
            (x, sc.y(f.average_emotion_gap))
            if f is not None and f.valid and f.average_emotion_gap is not None
            else None
        )
    for run in _runs(gap):
        out.append(
            f'<polyline class="gap" points="{run}" fill="none" stroke="{GAP_INK}" stroke-width="2" '
            'stroke-dasharray="6 4"/>'
        )
    for run in _runs(emo):
        out.append(f'<polyline class="emotion" points="{run}" fill="none" stroke="{EMOTION_INK}" stroke-width="2.5"/>')
    for i, p in enumerate(points):
        f = p.facts
        if f is None or not f.valid:
            continue
        day = p.date.date().isoformat()
        if f.average_emotion is not None:
            c = emo[i]
            assert c is not None
            out.append(
                f'<circle class="emotion-point" cx="{c[0]}" cy="{c[1]}" r="4" fill="{EMOTION_INK}" '
                f'data-date="{day}" data-value="{f.average_emotion:.2f}"><title>{day}: emotion '
                f"{_num(f.average_emotion)}</title></circle>"
            )
        if f.average_emotion_gap is not None:
            c = gap[i]
            assert c is not None
            out.append(
                f'<rect class="gap-point" x="{c[0] - 3.5}" y="{c[1] - 3.5}" width="7" height="7" fill="{GAP_INK}" '
                f'data-date="{day}" data-value="{f.average_emotion_gap:.2f}"><title>{day}: gap '
                f"{_num(f.average_emotion_gap)}</title></rect>"
            )
    # Pain points: each version's counts hold until the next version (steps).
    out.append(f'<text x="{LEFT}" y="{MID + 14}" fill="#1f2328">Open pain points (0 to {max(most, 1)}):</text>')
    for k, sev in enumerate(STACK_ORDER[:4]):
        lx = LEFT + 160 + 72 * k
        out.append(
            f'<rect x="{lx}" y="{MID + 5}" width="9" height="9" fill="{SEVERITY_COLOURS[sev]}"/>'
            f'<text x="{lx + 12}" y="{MID + 14}" fill="#1f2328">{sev}</text>'
        )
    for i, p in enumerate(points):
        f = p.facts
        if f is None or not f.valid:
            continue
        x0 = sc.x(times[i])
        x1 = sc.x(times[i + 1]) if i + 1 < len(points) else WIDTH - RIGHT
        width = max(x1 - x0, 4.0)
        base = 0
        for sev in STACK_ORDER:
            n = f.pains.get(sev, 0)
            if not n:
                continue
            y_top, y_bottom = pains.y(base + n), pains.y(base)
            out.append(
                f'<rect class="pains {sev}" x="{x0}" y="{y_top}" width="{round(width, 2)}" '
                f'height="{round(y_bottom - y_top, 2)}" '
                f'fill="{SEVERITY_COLOURS[sev]}" stroke="#ffffff" stroke-width="0.5" data-count="{n}">'
                f"<title>{p.date.date()}: {n} {sev}</title></rect>"
            )
            base += n
    for p, ids in _done_markers(history):
        x = sc.x(_t(p.date))
        label = escape(", ".join(ids))
        # The label reads away from the right edge, so it is never cut off.
        anchor, tx = ("end", x - 3) if x > WIDTH / 2 else ("start", x + 3)
        out.append(
            f'<g class="done-marker"><line x1="{x}" x2="{x}" y1="{TOP}" y2="{BOTTOM}" stroke="#1a7f37" '
            f'stroke-width="1.5"/><text x="{tx}" y="{TOP + 10}" text-anchor="{anchor}" fill="#116329">✓ {label}</text>'
            f"<title>{p.date.date()}: done: {label}</title></g>"
        )
    out.append(f'<text x="{LEFT}" y="{HEIGHT - 8}" fill="#1f2328">{first}</text>')
    out.append(f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 8}" text-anchor="end" fill="#1f2328">{last}</text>')
    out.append("</svg>")
    return "".join(out)


def trend_table(history: JourneyHistory) -> str:
    """The numbers of :func:`trend_svg`, one row per version."""
    rows = []
    before: set[str] | None = None  # as in the chart: only what became done in the history
    for p in history.points:
        day = p.date.date().isoformat()
        commit = escape(p.commit[:8])
        f = p.facts
        if f is None:
            rows.append(f'<tr><td>{day}</td><td><code>{commit}</code></td><td colspan="4">removed</td></tr>')
            continue
        if not f.valid:
            rows.append(
                f'<tr class="invalid"><td>{day}</td><td><code>{commit}</code></td>'
                f'<td colspan="4">invalid: {escape(f.error or "")} (a gap in the chart)</td></tr>'
            )
            continue
        pains = "/".join(str(f.pains.get(s, 0)) for s in ("critical", "high", "medium", "low"))
        done = ", ".join(o for o in f.done if before is not None and o not in before)
        before = set(f.done)
        rows.append(
            f"<tr><td>{day}</td><td><code>{commit}</code></td><td>{_num(f.average_emotion)}</td>"
            f"<td>{_num(f.average_emotion_gap)}</td><td>{pains}</td><td>{escape(done)}</td></tr>"
        )
    return (
        '<table class="history-table"><thead><tr><th scope="col">Date</th><th scope="col">Commit</th>'
        '<th scope="col">Emotion</th><th scope="col">Gap</th><th scope="col">Pains crit/high/med/low</th>'
        '<th scope="col">Done</th></tr></thead><tbody>' + "".join(rows) + "</tbody></table>"
    )


def kpi_svg(series: KpiSeries, ident: str) -> str:
    """One KPI's values (solid, with points) against its target (dashed steps)."""
    pts = series.points
    times = [_t(p.date) for p in pts]
    vals = [p.value for p in pts] + [p.target for p in pts if p.target is not None]
    low, high = min(vals), max(vals)
    pad = (high - low) * 0.1 or 1.0
    sc = _Scale(min(times), max(times), low - pad, high + pad, 36, KPI_WIDTH - 10, 10, KPI_HEIGHT - 24)
    unit = f" {series.unit}" if series.unit else ""
    out = [
        f'<svg class="kpi-trend" role="img" aria-labelledby="{ident}-t" width="{KPI_WIDTH}" height="{KPI_HEIGHT}" '
        f'viewBox="0 0 {KPI_WIDTH} {KPI_HEIGHT}" xmlns="http://www.w3.org/2000/svg" '
        'font-family="sans-serif" font-size="10">',
        f'<title id="{ident}-t">{escape(series.name)}: {_plain(pts[0].value)} to {_plain(pts[-1].value)}{escape(unit)}'
        f"{', target ' + _plain(pts[-1].target) if pts[-1].target is not None else ''} (dashed)</title>",
    ]
    for v in (low, high):
        y = sc.y(v)
        out.append(f'<line x1="36" x2="{KPI_WIDTH - 10}" y1="{y}" y2="{y}" stroke="{GRID}"/>')
        out.append(f'<text x="32" y="{y + 3}" text-anchor="end" fill="#1f2328">{_plain(v)}</text>')
    target_steps = []
    for i, p in enumerate(pts):
        if p.target is None:
            continue
        x0 = sc.x(times[i])
        x1 = sc.x(times[i + 1]) if i + 1 < len(pts) else KPI_WIDTH - 10
        target_steps.append(f"{x0},{sc.y(p.target)} {x1},{sc.y(p.target)}")
    if target_steps:
        out.append(
            f'<polyline class="target" points="{" ".join(target_steps)}" fill="none" stroke="{GAP_INK}" '
            'stroke-width="1.5" stroke-dasharray="5 3"/>'
        )
    line = " ".join(f"{sc.x(t)},{sc.y(p.value)}" for t, p in zip(times, pts, strict=True))
    out.append(f'<polyline class="value" points="{line}" fill="none" stroke="{EMOTION_INK}" stroke-width="2"/>')
    for t, p in zip(times, pts, strict=True):
        out.append(
            f'<circle class="kpi-point" cx="{sc.x(t)}" cy="{sc.y(p.value)}" r="3.5" fill="{EMOTION_INK}" '
            f'data-date="{p.date.isoformat()}" data-value="{_plain(p.value)}"><title>{p.date}: '
            f"{_plain(p.value)}{escape(unit)}</title></circle>"
        )
    out.append(f'<text x="36" y="{KPI_HEIGHT - 6}" fill="#1f2328">{pts[0].date}</text>')
    out.append(
        f'<text x="{KPI_WIDTH - 10}" y="{KPI_HEIGHT - 6}" text-anchor="end" fill="#1f2328">{pts[-1].date}</text>'
    )
    out.append("</svg>")
    return "".join(out)


def kpi_table(series: KpiSeries) -> str:
    rows = "".join(
        f"<tr><td>{p.date}</td><td>{_plain(p.value)}</td><td>{'–' if p.target is None else _plain(p.target)}</td></tr>"
        for p in series.points
    )
    return (
        '<table class="history-table"><thead><tr><th scope="col">Measured</th><th scope="col">Value</th>'
        f'<th scope="col">Target</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def sparkline_svg(history: JourneyHistory) -> str:
    """A small line of the average emotion over time, for the site's overview."""
    points = history.points
    times = [_t(p.date) for p in points]
    sc = _Scale(min(times), max(times), -2, 2, 2, SPARK_WIDTH - 2, 2, SPARK_HEIGHT - 2)
    coords = [
        (sc.x(t), sc.y(p.facts.average_emotion))
        if p.facts is not None and p.facts.valid and p.facts.average_emotion is not None
        else None
        for t, p in zip(times, points, strict=True)
    ]
    values = [p.facts.average_emotion for p in points if p.facts is not None and p.facts.average_emotion is not None]
    words = f"from {_num(values[0])} to {_num(values[-1])}" if values else "no emotion recorded"
    lines = "".join(
        f'<polyline points="{run}" fill="none" stroke="{EMOTION_INK}" stroke-width="1.5"/>' for run in _runs(coords)
    )
    zero = sc.y(0)
    return (
        f'<svg class="sparkline" role="img" width="{SPARK_WIDTH}" height="{SPARK_HEIGHT}" viewBox="0 '
        f'0 {SPARK_WIDTH} {SPARK_HEIGHT}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>Average emotion over {len(points)} versions, {words}</title>'
        f'<line x1="0" x2="{SPARK_WIDTH}" y1="{zero}" y2="{zero}" stroke="{GRID}"/>{lines}</svg>'
    )


def history_section(history: JourneyHistory) -> str:
    """The report's History section body: the trend chart and its table, then one small chart per KPI."""
    parts = [
        '<figure class="history-chart">',
        trend_svg(history, "trend"),
        "<figcaption>Average emotion (solid, ●) and gap to the desired emotion (dashed, ■) at each commit that "
        "changed the map; open pain points by severity below; ✓ where an opportunity was done; a grey band where "
        "the map was invalid.</figcaption>",
        trend_table(history),
        "</figure>",
    ]
    # A KPI measured once has no trend yet: one line of a shared table says as much as a chart would.
    kpis = [k for k in history.kpis.values() if len(k.points) > 1]
    once = [k for k in history.kpis.values() if len(k.points) == 1]
    if kpis:
        parts.append('<div class="kpi-trends">')
        for i, k in enumerate(kpis):
            parts += [
                f'<figure class="kpi-chart"><figcaption>{escape(k.name)}</figcaption>',
                kpi_svg(k, f"kpi-trend-{i}"),
                kpi_table(k),
                "</figure>",
            ]
        parts.append("</div>")
    if once:
        rows = "".join(
            f"<tr><td>{escape(k.name)}</td><td>{k.points[0].date}</td><td>{_plain(k.points[0].value)}</td>"
            f"<td>{'–' if k.points[0].target is None else _plain(k.points[0].target)}</td></tr>"
            for k in once
        )
        parts.append(
            '<table class="history-table kpi-once"><caption>KPIs measured once so far (no trend yet)</caption>'
            '<thead><tr><th scope="col">KPI</th><th scope="col">Measured</th><th scope="col">Value</th>'
            f'<th scope="col">Target</th></tr></thead><tbody>{rows}</tbody></table>'
        )
    return "".join(parts)


def report_history(path: str | Path, journey_id: str) -> JourneyHistory | None:
    """The history of one map for its report; ``None`` outside git, for an untracked file, or on git trouble.

    Only the file's own path is read (one short ``git log``), and versions come from the cache,
    so a report costs little more when its map is in a repository.
    """
    from cjmkit.errors import UsageError
    from cjmkit.history.series import journey_history

    try:
        found = journey_history([Path(path)], start=Path(path).parent)
    except (UsageError, OSError, ValueError):
        return None
    chosen = next((j for j in found.journeys if j.id == journey_id), None)
    return chosen if chosen is not None and chosen.points else None


def workspace_histories(root: Path, jobs: int | None = None) -> dict[str, JourneyHistory]:
    """Each journey's history in the workspace at ``root``, by the resolved path of its file now ({} outside git).

    Uncached versions are computed on ``jobs`` processes, before any page worker starts.
    """
    from cjmkit.errors import UsageError
    from cjmkit.history.series import journey_history

    try:
        found = journey_history(start=root, jobs=jobs)
    except (UsageError, OSError, ValueError):
        return {}
    top = found.top
    if top is None:
        return {}
    return {str((top / j.path).resolve()): j for j in found.journeys if j.points and j.points[-1].facts is not None}
