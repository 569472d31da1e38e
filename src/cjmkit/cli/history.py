"""``cjm history``."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from cjmkit.cli.app import app
from cjmkit.cli.common import check_choice, fail_usage


@app.command()
def history(
    paths: list[Path] = typer.Argument(None, help="Journey files or folders. Default: the workspace's journeys."),
    since: str | None = typer.Option(None, "--since", help="Start here: a date (2026-01-31) or a revision."),
    until: str | None = typer.Option(None, "--until", help="End here: a date or a revision. Default: HEAD."),
    journey: str | None = typer.Option(None, "--journey", "-j", help="Only the journey with this id."),
    format: str = typer.Option("text", "--format", "-f", help="text, json or csv."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Compute every version again; read no cache."),
) -> None:
    """How each journey changed over its git history: emotion, gap, pain points, KPIs, opportunities, lint.

    Every commit that changed a journey file is a measurement; journeys are followed by
    id across renames. Each version's figures are cached by content in the folder named
    by CJM_CACHE_DIR (default $XDG_CACHE_HOME/cjm or ~/.cache/cjm), safe to delete.

    Exit code: 0 done, 2 usage error (not a git repository, unknown revision).
    """
    from cjmkit.errors import UsageError
    from cjmkit.history.formats import to_csv, to_json, to_text
    from cjmkit.history.series import journey_history
    from cjmkit.history.versions import FactsCache

    fmt = check_choice(format, ("text", "json", "csv"), "--format")
    for path in paths or []:
        if not path.exists():
            fail_usage(f"{path}: no such file or folder")
    try:
        result = journey_history(
            list(paths or []), since=since, until=until, journey=journey, cache=FactsCache(enabled=not no_cache)
        )
    except UsageError as err:
        fail_usage(str(err))
    if result.shallow:
        first = result.commits[0].date.date().isoformat() if result.commits else "the clone's first commit"
        sys.stderr.write(f"Note: this is a shallow clone; history goes back only to {first} (git fetch --unshallow).\n")
    if fmt == "json":
        sys.stdout.write(to_json(result))
    elif fmt == "csv":
        sys.stdout.write(to_csv(result))
    else:
        sys.stdout.write(to_text(result))
