"""The HTML report: one self-contained page that shows a journey to the people who act on it.

Everything the page needs is computed here (from :mod:`cjmkit.facts`) and
handed to jinja2 templates with autoescaping on, so the templates only lay out.
A team can replace the templates with its own (``--template-dir``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cjmkit import facts
from cjmkit.diagnostics import Diagnostic
from cjmkit.errors import LintConfigError, TemplateProblem
from cjmkit.model.catalog import Catalog
from cjmkit.model.journey import Journey, Stage, Touchpoint
from cjmkit.rendering.matrix import perception_matrix, value_effort_matrix
from cjmkit.rendering.palette import (
    EMOTION_FILL,
    EMOTION_INK,
    EMOTION_WORDS,
    PERSONA_COLOURS,
    SEVERITY_COLOURS,
    Names,
    signed,
)

if TYPE_CHECKING:
    from jinja2 import Environment

    from cjmkit.history.series import JourneyHistory
    from cjmkit.linting.config import LintSettings
    from cjmkit.loader import Document
    from cjmkit.model.settings import Scoring
    from cjmkit.planning import PlanItem
    from cjmkit.workspace import Workspace

#: Width of one touchpoint column in the emotion curve's drawing; the curve is scaled to the canvas.
COLUMN_PX = 184
#: The canvas fills the page; each touchpoint column gets at least, and at most, this many CSS pixels.
#: At 150 px an 8-touchpoint journey fits a 1440-px screen and a landscape A3 page without scrolling.
COLUMN_MIN_PX = 150
COLUMN_MAX_PX = 240
#: Height of the emotion curve's drawing area, in CSS pixels.
CURVE_PX = 150
CURVE_PAD = 18


@dataclass
class CurvePoint:
    """One touchpoint on the emotion curve."""

    x: float
    observed_y: float | None
    desired_y: float | None
    label: str


@dataclass
class PersonaCurve:
    """One persona's emotion at the touchpoints where the map records its experience."""

    persona: str
    name: str
    colour: str
    key: str
    """A class name for the persona's marks (``p0``, ``p1``...): ids may hold characters CSS would need escaped."""
    points: list[tuple[float, float, str, str]] = field(default_factory=list)
    """(x, y, label, touchpoint id) per touchpoint where the persona's emotion is recorded, in map order."""

    @property
    def run(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in self.points)


@dataclass
class EmotionCurve:
    """The observed and desired emotion across the touchpoints, as SVG coordinates."""

    width: int
    height: int
    points: list[CurvePoint]
    zero_y: float
    levels: list[tuple[str, float]]
    stage_bounds: list[float] = field(default_factory=list)
    personas: list[PersonaCurve] = field(default_factory=list)
    """One per persona with experiences (a persona whose experiences hold no emotion has no points)."""

    @property
    def persona_lines(self) -> list[PersonaCurve]:
        """The personas drawn as lines; with any, the overall curve is drawn dashed."""
        return [c for c in self.personas if c.points]

    @staticmethod
    def _path(points: list[tuple[float, float | None]]) -> list[str]:
        """SVG polyline point lists, broken where a touchpoint has no value."""
        runs: list[str] = []
        run: list[str] = []
        for x, y in points:
            if y is None:
                if run:
                    runs.append(" ".join(run))
                run = []
            else:
                run.append(f"{x:.1f},{y:.1f}")
        if run:
            runs.append(" ".join(run))
        return runs

    @property
    def observed_runs(self) -> list[str]:
        return self._path([(p.x, p.observed_y) for p in self.points])

    @property
    def desired_runs(self) -> list[str]:
        return self._path([(p.x, p.desired_y) for p in self.points])

    @property
    def has_data(self) -> bool:
        return any(p.observed_y is not None or p.desired_y is not None for p in self.points)


def _y(value: float | None) -> float | None:
    if value is None:
        return None
    usable = CURVE_PX - 2 * CURVE_PAD
    return CURVE_PAD + (2 - value) * usable / 4


def persona_curves(journey: Journey, names: Names) -> list[PersonaCurve]:
    """A curve per persona with experiences, each in its own colour (empty for a map without experiences)."""
    ids = facts.experience_personas(journey)
    return [
        PersonaCurve(p, names.persona(p), PERSONA_COLOURS[i % len(PERSONA_COLOURS)], f"p{i}") for i, p in enumerate(ids)
    ]


def emotion_curve(journey: Journey, names: Names | None = None) -> EmotionCurve:
    points = []
    bounds: list[float] = []
    curves = persona_curves(journey, names or Names(journey.catalog))
    by_id = {c.persona: c for c in curves}
    col = 0
    for stage in journey.stages:
        tps: list[Touchpoint | None] = list(stage.touchpoints) or [None]
        for tp in tps:
            x = col * COLUMN_PX + COLUMN_PX / 2
            if tp is not None:
                emotion = facts.touchpoint_emotion(tp)
                felt = signed(emotion) if emotion is not None else "not recorded"
                if facts.emotion_is_derived(tp):
                    felt += " (mean of the personas)"
                desc = f"{tp.name}: feels {felt}"
                if tp.desired_emotion is not None:
                    desc += f", wants {signed(tp.desired_emotion)}"
                points.append(CurvePoint(x, _y(emotion), _y(tp.desired_emotion), desc))
                for exp in tp.experiences:
                    y = _y(exp.emotion)
                    if y is not None:
                        curve = by_id[exp.persona]
                        label = f"{curve.name} at {tp.name}: feels {signed(exp.emotion or 0)}"
                        curve.points.append((x, y, label, tp.id))
            col += 1
        bounds.append(float(col * COLUMN_PX))
    levels = [(signed(v), _y(v) or 0.0) for v in (2, 1, 0, -1, -2)]
    return EmotionCurve(max(1, col) * COLUMN_PX, CURVE_PX, points, _y(0) or 0.0, levels, bounds[:-1], curves)


@dataclass
class Column:
    """One column of the canvas: a touchpoint, or an empty stage's placeholder."""

    stage: Stage
    touchpoint: Touchpoint | None


def canvas_columns(journey: Journey) -> list[Column]:
    cols = []
    for stage in journey.stages:
        cols += [Column(stage, tp) for tp in stage.touchpoints] or [Column(stage, None)]
    return cols


@dataclass
class LintSection:
    """Findings of the lint engine, when it is available."""

    findings: list[Diagnostic]


def lint_settings(workspace: Workspace, today: dt.date | None = None) -> LintSettings | None:
    """The workspace's lint settings for the report, or None when ``cjm.yaml``'s lint configuration is broken.

    A broken ``lint:`` setting is ``cjm lint``'s to report (exit 2); the report
    still shows the journey and leaves the lint section out.
    A site resolves them once for all its pages.
    """
    from cjmkit.linting import settings_for

    try:
        return settings_for(workspace, today=today)
    except LintConfigError:
        return None


def lint_findings(
    journey: Journey, document: Document | None, catalog: Catalog, settings: LintSettings | None
) -> LintSection | None:
    """The lint findings for the report, or None when there are no settings (see :func:`lint_settings`).

    A rule that crashes shows as a finding of its own, like in ``cjm lint``.
    """
    if document is None or settings is None:
        return None
    from cjmkit.linting import lint_journey

    return LintSection(lint_journey(journey, document, catalog, settings))


def _safe_url(url: str | None) -> str | None:
    """Only http(s) and mailto links ever become links."""
    if not url:
        return None
    scheme = url.split(":", 1)[0].strip().lower()
    return url if scheme in ("http", "https", "mailto") and ":" in url else None


def _mailto(contact: str | None) -> str | None:
    if contact and "@" in contact and " " not in contact.strip() and ":" not in contact:
        return _safe_url(f"mailto:{contact.strip()}")
    return None


def next_steps(journey: Journey, scoring: Scoring | None) -> list[PlanItem]:
    """The journey's open opportunities in the order ``cjm plan`` ranks them (priority, then score)."""
    from cjmkit.planning import journey_backlog

    return journey_backlog(journey, scoring)


def report_context(
    journey: Journey,
    catalog: Catalog | None,
    *,
    flow_svg: str | None = None,
    today: dt.date | None = None,
    lint: LintSection | None = None,
    home: str | None = None,
    source: str | None = None,
    scoring: Scoring | None = None,
    history: str | None = None,
) -> dict[str, Any]:
    """Everything the report template shows, computed once (``history``: the History section's charts)."""
    names = Names(catalog if catalog is not None else journey.catalog)
    today = today or dt.date.today()
    ranked = facts.ranked_pain_points(journey)
    kpis = [
        {
            "stage": stage,
            "touchpoint": tp,
            "kpi": kpi,
            "status": facts.kpi_status(kpi),
            "attainment": facts.kpi_attainment(kpi),
            "owner": names.team(kpi.owner),
        }
        for stage, tp, kpi in journey.iter_kpis()
    ]
    avg = facts.average_emotion(journey)
    backlog = next_steps(journey, scoring)
    curve = emotion_curve(journey, names)
    return {
        "j": journey,
        "names": names,
        "today": today,
        "stale": facts.is_stale(journey, today),
        "review_due": facts.review_due(journey),
        "days_overdue": facts.days_overdue(journey, today),
        "personas": [names.persona(p) for p in journey.personas],
        "columns": canvas_columns(journey),
        "curve": curve,
        "persona_keys": {c.persona: c for c in curve.personas},
        "column_px": COLUMN_PX,
        "column_min_px": COLUMN_MIN_PX,
        "column_max_px": COLUMN_MAX_PX,
        "ranked": ranked,
        "backlog": backlog,
        "perception": perception_matrix(journey),
        "value_effort": value_effort_matrix(
            [(o.id, o.title, o.factors.get("value"), o.factors.get("effort"), o.quadrant) for o in backlog]
        )
        if scoring is not None and scoring.model == "value-effort"
        else None,
        "scoring_model": scoring.model if scoring else None,
        "unaddressed": facts.unaddressed_pains(journey),
        "pains_by_severity": facts.pains_by_severity(journey),
        "kpis": kpis,
        "kpis_off_target": sum(1 for k in kpis if k["status"] == "off-target"),
        "average_emotion": avg,
        "average_gap": facts.average_emotion_gap(journey),
        "touchpoint_count": sum(1 for _ in journey.iter_touchpoints()),
        "moments_of_truth": sum(1 for *_, tp in journey.iter_touchpoints() if tp.moment_of_truth),
        "evidence_titles": {e.id: e.title or e.id for e in journey.evidence},
        "flow_svg": flow_svg,
        "lint": lint,
        "home": home,
        "source": source,
        "history": history,
        "generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def _environment(template_dir: Path | None) -> Environment:
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    from cjmkit.resources import templates_dir

    search = [str(template_dir)] if template_dir else []
    search.append(str(templates_dir() / "report"))
    # Sandboxed: a template from a shared repository must not reach Python's internals
    # (``cycler.__init__.__globals__.os``) and through them run programs.
    env = SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(search),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        EMOTION_FILL=EMOTION_FILL,
        EMOTION_INK=EMOTION_INK,
        EMOTION_WORDS=EMOTION_WORDS,
        SEVERITY_COLOURS=SEVERITY_COLOURS,
        facts=facts,
    )
    env.filters.update(signed=signed, plain=facts.plain_number, safe_url=_safe_url, mailto=_mailto)
    return env


_ENVIRONMENTS: dict[str, Environment] = {}


def environment(template_dir: Path | None = None) -> Environment:
    """The jinja2 environment (cached: compiling templates once matters when writing a site)."""
    key = str(template_dir or "")
    if key not in _ENVIRONMENTS:
        _ENVIRONMENTS[key] = _environment(template_dir)
    return _ENVIRONMENTS[key]


def render_template(name: str, context: dict[str, Any], template_dir: Path | None = None) -> str:
    """Render a report template; a broken custom template raises :class:`TemplateProblem`."""
    import jinja2

    try:
        return str(environment(template_dir).get_template(name).render(**context))
    except jinja2.TemplateSyntaxError as err:
        raise TemplateProblem(f"{err.filename or name}:{err.lineno}: template error: {err.message}") from err
    except jinja2.TemplateNotFound as err:
        raise TemplateProblem(f"template '{err.name}' not found") from err
    except jinja2.UndefinedError as err:
        raise TemplateProblem(f"template '{name}' uses something the report does not provide: {err.message}") from err
    except jinja2.TemplateError as err:
        raise TemplateProblem(f"template '{name}' failed: {err}") from err


def shown_source(path: str | Path, workspace_root: Path | None) -> str:
    """The map's path as a shared report shows it: relative to the workspace, else the file name alone.

    Never the folders of the author's machine (``/home/alice/...``).
    """
    p = Path(path)
    if workspace_root is not None:
        try:
            return p.resolve().relative_to(workspace_root.resolve()).as_posix()
        except ValueError:
            pass
    return p.name


def html_report(
    journey: Journey,
    catalog: Catalog | None,
    *,
    engine: str = "auto",
    template_dir: Path | None = None,
    today: dt.date | None = None,
    lint: LintSection | None = None,
    home: str | None = None,
    source: str | None = None,
    scoring: Scoring | None = None,
    history: JourneyHistory | None = None,
) -> str:
    """The self-contained HTML report of ``journey``.

    The flow diagram is drawn with ``engine``; when no Graphviz is available the
    report is still written, with a note in place of the diagram. With ``history``
    (the map's versions in git) the report has a History section of charts.
    """
    from cjmkit.errors import RenderError
    from cjmkit.rendering.dot import flow_dot
    from cjmkit.rendering.engine import inline_svg, render_svg

    try:
        svg: str | None = inline_svg(render_svg(flow_dot(journey, catalog), engine))
    except RenderError:
        svg = None
    charts = None
    if history is not None and history.points:
        from cjmkit.rendering.trend import history_section

        charts = history_section(history)
    ctx = report_context(
        journey,
        catalog,
        flow_svg=svg,
        today=today,
        lint=lint,
        home=home,
        source=source,
        scoring=scoring,
        history=charts,
    )
    return render_template("report.html.j2", ctx, template_dir)
