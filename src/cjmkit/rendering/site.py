"""Every journey of a workspace as a static site: a page per journey, a portfolio index, a page per team and
a page per persona with experiences.

Links are relative, so the site works from ``file://`` and from any static host.
Every page is written atomically, so a browser (or a second ``cjm render --site``
writing the same folder) never sees half a page.
An id becomes a file name only after it is checked to be a slug.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cjmkit import facts
from cjmkit.diagnostics import Diagnostic
from cjmkit.fileio import write_atomic
from cjmkit.linting.config import LintSettings
from cjmkit.model.base import ID_PATTERN
from cjmkit.model.journey import Journey
from cjmkit.parallel import map_files
from cjmkit.planning import JourneyPlan, PlanItem, assemble, plan_journey
from cjmkit.rendering.palette import Names
from cjmkit.rendering.report import html_report, lint_findings, lint_settings, render_template, shown_source
from cjmkit.rendering.trend import sparkline_svg, workspace_histories
from cjmkit.scoring import model_of
from cjmkit.validation import FileResult, validate_file
from cjmkit.workspace import Workspace

if TYPE_CHECKING:
    from cjmkit.history.series import JourneyHistory

_SLUG = re.compile(ID_PATTERN)


@dataclass
class SiteResult:
    """What writing the site did."""

    out: Path
    pages: int = 0
    invalid: list[FileResult] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # why a valid journey got no page (duplicate id...)


def slug_file(ident: str) -> str:
    """``ident`` as a file name, refusing anything that is not a slug (no paths, no dots)."""
    if not _SLUG.match(ident) or len(ident) > 128:
        raise ValueError(f"'{ident}' is not a valid id, so it cannot name a page")
    return f"{ident}.html"


def _summary(journey: Journey, names: Names, path: str, today: dt.date) -> dict[str, Any]:
    """The index row of one journey. ``j`` holds only what the index shows, not the whole journey."""
    return {
        "j": {
            "id": journey.id,
            "title": journey.title,
            "status": journey.status,
            "updated": journey.updated,
            "owner": journey.owner,
        },
        "page": f"journeys/{slug_file(journey.id)}",
        "path": path,
        "owner": names.team(journey.owner),
        "stale": facts.is_stale(journey, today),
        "touchpoints": sum(1 for _ in journey.iter_touchpoints()),
        "pains": facts.pains_by_severity(journey),
        "unaddressed_critical": len(facts.unaddressed_pains(journey, ("critical",))),
        "average_emotion": facts.average_emotion(journey),
    }


#: How many of a persona's worst touchpoints its page lists.
WORST_SHOWN = 5
#: Width of one touchpoint on a persona page's small curve, and the curve's height (pixels).
PERSONA_STEP_PX = 56
PERSONA_CURVE_PX = 80


@dataclass
class PersonaPart:
    """One persona in one journey, for its page: its emotion at each touchpoint where it is recorded."""

    journey_id: str
    title: str
    points: list[tuple[str, int, list[str]]] = field(default_factory=list)
    """(touchpoint name, emotion, descriptions of the pain points the persona has there), in map order."""

    @property
    def coordinates(self) -> list[tuple[float, float, str, int]]:
        """(x, y, touchpoint name, emotion) for the small curve: -2 at the bottom, +2 at the top."""
        pad = 8
        usable = PERSONA_CURVE_PX - 2 * pad
        return [
            (i * PERSONA_STEP_PX + PERSONA_STEP_PX / 2, pad + (2 - e) * usable / 4, name, e)
            for i, (name, e, _) in enumerate(self.points)
        ]

    @property
    def run(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y, _, _ in self.coordinates)

    @property
    def width(self) -> int:
        return max(1, len(self.points)) * PERSONA_STEP_PX


def persona_parts(journey: Journey) -> dict[str, PersonaPart]:
    """Each persona's part of one journey (personas with an experience that records an emotion)."""
    parts: dict[str, PersonaPart] = {}
    for _, _, _, tp in journey.iter_touchpoints():
        pains = {pp.id: pp.description for pp in tp.pain_points}
        for exp in tp.experiences:
            if exp.emotion is None:
                continue
            part = parts.setdefault(exp.persona, PersonaPart(journey.id, journey.title))
            part.points.append((tp.name, exp.emotion, [pains[p] for p in exp.pain_points if p in pains]))
    return parts


def _persona_page(persona: str, name: str, parts: list[PersonaPart]) -> dict[str, Any]:
    """The context of a persona's page: its journeys with their curves, and its worst touchpoints overall."""
    felt = [(e, part.title, part.journey_id, tp, pains) for part in parts for tp, e, pains in part.points]
    worst = sorted(felt, key=lambda item: item[0])[:WORST_SHOWN]
    emotions = [e for e, *_ in felt]
    return {
        "persona": {"id": persona, "name": name},
        "parts": parts,
        "worst": worst,
        "average": facts.mean(emotions),
        "curve_px": PERSONA_CURVE_PX,
        "home": "../index.html",
    }


@dataclass
class _Page:
    """One journey's page and what the index and team pages need of it (small, sent between processes)."""

    path: str
    diagnostics: list[Diagnostic]
    journey_id: str | None = None
    html: str | None = None  # None: the file is not valid
    row: dict[str, Any] | None = None
    load: dict[str, facts.TeamLoad] = field(default_factory=dict)
    title: str = ""
    shown: str = ""  # the path as the published site names it
    plan: JourneyPlan | None = None
    personas: dict[str, PersonaPart] = field(default_factory=dict)
    local_names: Names | None = None  # the journey's effective catalog, for ids the workspace does not define


@dataclass(frozen=True)
class _PageTask:
    path: Path
    workspace: Workspace
    engine: str
    template_dir: Path | None
    today: dt.date
    lint: LintSettings | None  # resolved once for every page; None: no lint section
    history: JourneyHistory | None = None  # the map's versions in git, for its History section and sparkline


def _build_page(task: _PageTask) -> _Page:
    """Validate one journey and render its page; runs in a worker process for large workspaces."""
    fr = validate_file(task.path, task.workspace)
    # The site is shared: it names each map by its path in the workspace, never by the folders
    # of the machine that built it.
    shown = shown_source(task.path, task.workspace.root if task.workspace.config_path else None)
    if fr.journey is None or fr.catalog is None or not fr.valid:
        return _Page(fr.path, fr.diagnostics, fr.journey_id, shown=shown)
    journey, catalog = fr.journey, fr.catalog
    config = task.workspace.config
    scoring = config.scoring if config else None
    html = html_report(
        journey,
        catalog,
        engine=task.engine,
        template_dir=task.template_dir,
        today=task.today,
        lint=lint_findings(journey, fr.document, catalog, task.lint),
        home="../index.html",
        source=shown,
        scoring=scoring,
        history=task.history,
    )
    row = _summary(journey, Names(catalog), shown, task.today)
    row["sparkline"] = sparkline_svg(task.history) if task.history is not None else None
    return _Page(
        fr.path,
        fr.diagnostics,
        journey.id,
        html,
        row,
        facts.team_load([journey]),
        journey.title,
        shown,
        plan_journey(journey, shown, model_of(scoring) if scoring else None),
        persona_parts(journey),
        Names(catalog),
    )


def write_site(
    files: Sequence[Path],
    workspace: Workspace,
    out: Path,
    *,
    engine: str = "auto",
    template_dir: Path | None = None,
    today: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
    jobs: int | None = None,
) -> SiteResult:
    """Write the site for ``files`` into ``out`` (created if needed; existing pages are replaced).

    Pages are built on every core (``jobs`` processes; 0 or None: one per core)
    and written here in the order of ``files``, so the first journey with an id
    gets the page and memory holds one page at a time, not the whole workspace.
    """
    today = today or dt.date.today()
    result = SiteResult(out=out)
    (out / "journeys").mkdir(parents=True, exist_ok=True)
    (out / "teams").mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    by_persona: dict[str, list[PersonaPart]] = {}
    local: list[Names] = []
    loads: list[dict[str, facts.TeamLoad]] = []
    titles: dict[str, str] = {}
    parts: list[JourneyPlan] = []
    seen: dict[str, str] = {}
    settings = lint_settings(workspace, today)
    # One walk of the git history for every page (nothing outside git); versions come from the cache.
    histories = workspace_histories(workspace.root, jobs)
    tasks = [
        _PageTask(path, workspace, engine, template_dir, today, settings, histories.get(str(path.resolve())))
        for path in files
    ]
    listed_invalid: list[dict[str, Any]] = []
    for i, page in enumerate(map_files(_build_page, tasks, jobs)):
        if page.html is None or page.row is None or page.journey_id is None:
            result.invalid.append(FileResult(page.path, page.diagnostics, journey_id=page.journey_id))
            listed_invalid.append({"path": page.shown, "diagnostics": page.diagnostics})
        elif page.journey_id in seen:
            result.skipped.append(
                f"{page.path}: journey id '{page.journey_id}' is already used by {seen[page.journey_id]}"
            )
        else:
            seen[page.journey_id] = page.path
            write_atomic(out / "journeys" / slug_file(page.journey_id), page.html)
            rows.append(page.row)
            loads.append(page.load)
            titles[page.journey_id] = page.title
            if page.plan is not None:
                parts.append(page.plan)
            for persona, part in page.personas.items():
                by_persona.setdefault(persona, []).append(part)
            if page.local_names is not None:
                local.append(page.local_names)
            result.pages += 1
        if progress:
            progress(i + 1, len(files))

    names = Names(workspace.catalog)
    # Workspace-wide pages name a team or persona by the workspace catalog, else by the
    # catalog of a journey that defines it (a team of one journey's own catalog, say).
    for journey_names in local:
        for own, theirs in ((names.teams, journey_names.teams), (names.personas, journey_names.personas)):
            for key, value in theirs.items():
                own.setdefault(key, value)
    scoring = workspace.config.scoring if workspace.config else None
    backlog = assemble(parts, scoring)
    teams = []
    for team_id, load in facts.merge_team_loads(loads).items():
        if not _SLUG.match(team_id):
            continue
        teams.append({"id": team_id, "name": names.team(team_id), "load": load, "page": f"teams/{slug_file(team_id)}"})
        ctx = {
            "team": {"id": team_id, "name": names.team(team_id)},
            "contact": next((t.contact for t in workspace.catalog.teams if t.id == team_id), None),
            "load": load,
            "titles": titles,
            "home": "../index.html",
            "backlog": [i for i in backlog.items if i.involves(team_id)],
        }
        html = render_template("team.html.j2", ctx, template_dir)
        write_atomic(out / "teams" / slug_file(team_id), html)
    portfolio = render_template(
        "portfolio.html.j2",
        {
            "backlog": backlog,
            "by_team": _by_team(backlog.items, teams),
            "names": names,
            "titles": titles,
            "today": today,
            "home": "index.html",
        },
        template_dir,
    )
    write_atomic(out / "portfolio.html", portfolio)
    personas = []
    if by_persona:
        (out / "personas").mkdir(exist_ok=True)
    for persona_id, shares in sorted(by_persona.items()):
        if not _SLUG.match(persona_id):
            continue
        name = names.persona(persona_id)
        ctx = _persona_page(persona_id, name, shares)
        page_path = f"personas/{slug_file(persona_id)}"
        personas.append({"id": persona_id, "name": name, "page": page_path, "average": ctx["average"]})
        write_atomic(out / "personas" / slug_file(persona_id), render_template("persona.html.j2", ctx, template_dir))
    index = render_template(
        "site_index.html.j2",
        {
            "rows": rows,
            "teams": teams,
            "personas": personas,
            "invalid": listed_invalid,
            "today": today,
            "backlog_size": len(backlog.items),
        },
        template_dir,
    )
    write_atomic(out / "index.html", index)
    return result


def _by_team(items: list[PlanItem], teams: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per team with a page: the backlog items it owns, and those it must act on as a stakeholder."""
    out = []
    for team in teams:
        owns = [i for i in items if i.owner == team["id"]]
        helps = [i for i in items if i.owner != team["id"] and team["id"] in i.stakeholders]
        if owns or helps:
            out.append({**team, "owns": owns, "helps": helps})
    return out
