"""Every journey of a workspace as a static site: a page per journey, a portfolio index, a page per team.

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
from typing import Any

from cjmkit import facts
from cjmkit.fileio import write_atomic
from cjmkit.model.base import ID_PATTERN
from cjmkit.model.journey import Journey
from cjmkit.rendering.palette import Names
from cjmkit.rendering.report import html_report, lint_findings, render_template
from cjmkit.validation import FileResult, validate_file
from cjmkit.workspace import Workspace

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
    return {
        "j": journey,
        "page": f"journeys/{slug_file(journey.id)}",
        "path": path,
        "owner": names.team(journey.owner),
        "stale": facts.is_stale(journey, today),
        "touchpoints": sum(1 for _ in journey.iter_touchpoints()),
        "pains": facts.pains_by_severity(journey),
        "unaddressed_critical": len(facts.unaddressed_pains(journey, ("critical",))),
        "average_emotion": facts.average_emotion(journey),
    }


def write_site(
    files: Sequence[Path],
    workspace: Workspace,
    out: Path,
    *,
    engine: str = "auto",
    template_dir: Path | None = None,
    today: dt.date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SiteResult:
    """Write the site for ``files`` into ``out`` (created if needed; existing pages are replaced)."""
    today = today or dt.date.today()
    result = SiteResult(out=out)
    (out / "journeys").mkdir(parents=True, exist_ok=True)
    (out / "teams").mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    journeys: list[Journey] = []
    seen: dict[str, str] = {}
    for i, path in enumerate(files):
        fr = validate_file(path, workspace)
        if fr.journey is None or not fr.valid:
            result.invalid.append(fr)
        elif fr.journey.id in seen:
            result.skipped.append(f"{fr.path}: journey id '{fr.journey.id}' is already used by {seen[fr.journey.id]}")
        else:
            journey = fr.journey
            seen[journey.id] = fr.path
            catalog = workspace.catalog.merged_with(journey.catalog)
            page = html_report(
                journey,
                catalog,
                engine=engine,
                template_dir=template_dir,
                today=today,
                lint=lint_findings(journey, fr.document, catalog, workspace, today),
                home="../index.html",
                source=fr.path,
            )
            write_atomic(out / "journeys" / slug_file(journey.id), page)
            rows.append(_summary(journey, Names(catalog), fr.path, today))
            journeys.append(journey)
            result.pages += 1
        if progress:
            progress(i + 1, len(files))

    names = Names(workspace.catalog)
    loads = facts.team_load(journeys)
    titles = {j.id: j.title for j in journeys}
    teams = []
    for team_id, load in loads.items():
        if not _SLUG.match(team_id):
            continue
        teams.append({"id": team_id, "name": names.team(team_id), "load": load, "page": f"teams/{slug_file(team_id)}"})
        ctx = {
            "team": {"id": team_id, "name": names.team(team_id)},
            "contact": next((t.contact for t in workspace.catalog.teams if t.id == team_id), None),
            "load": load,
            "titles": titles,
            "home": "../index.html",
        }
        html = render_template("team.html.j2", ctx, template_dir)
        write_atomic(out / "teams" / slug_file(team_id), html)
    index = render_template(
        "site_index.html.j2",
        {"rows": rows, "teams": teams, "invalid": result.invalid, "today": today},
        template_dir,
    )
    write_atomic(out / "index.html", index)
    return result
