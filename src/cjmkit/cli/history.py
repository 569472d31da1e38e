"""``cjm history``."""

from __future__ import annotations

from pathlib import Path

import typer

from cjmkit.cli.app import app
from cjmkit.cli.options import HISTORY


@app.command()
def history(
    paths: list[Path] = typer.Argument(None, help="Journey files or folders. Default: the workspace's journeys."),
    since: str | None = typer.Option(
        HISTORY["since"].default, *HISTORY["since"].flags, help="Start here: a date (2026-01-31) or a revision."
    ),
    until: str | None = typer.Option(
        HISTORY["until"].default, *HISTORY["until"].flags, help="End here: a date or a revision. Default: HEAD."
    ),
    journey: str | None = typer.Option(
        HISTORY["journey"].default, *HISTORY["journey"].flags, help="Only the journey with this id."
    ),
    format: str = typer.Option(HISTORY["format"].default, *HISTORY["format"].flags, help="text, json or csv."),
    no_cache: bool = typer.Option(
        HISTORY["no_cache"].default, *HISTORY["no_cache"].flags, help="Compute every version again; use no cache."
    ),
    jobs: int = typer.Option(
        HISTORY["jobs"].default, *HISTORY["jobs"].flags, help="Processes to use; 0 = one per core."
    ),
) -> None:
    """How each journey changed over its git history: emotion, gap, pain points, KPIs, opportunities, lint.

    Every commit that changed a journey file is a measurement; journeys are followed by
    id across renames. Each version's figures are cached by content in the folder named
    by CJM_CACHE_DIR (default $XDG_CACHE_HOME/cjm or ~/.cache/cjm), safe to delete.

    Exit code: 0 done, 2 usage error (not a git repository, unknown revision).
    """
    from cjmkit.cli.quick import run_history

    raise typer.Exit(
        run_history(paths or [], since=since, until=until, journey=journey, format=format, no_cache=no_cache, jobs=jobs)
    )
