"""``cjm validate``."""

from __future__ import annotations

from pathlib import Path

import typer

from cjmkit.cli.app import app
from cjmkit.cli.options import VALIDATE


@app.command()
def validate(
    paths: list[Path] = typer.Argument(
        None, help="Journey files or folders (folders: every *.cjm.yaml below). Default: the workspace's journeys."
    ),
    format: str = typer.Option(
        VALIDATE["format"].default,
        *VALIDATE["format"].flags,
        help="text, json, github, or auto (github under GitHub Actions).",
    ),
    jobs: int = typer.Option(
        VALIDATE["jobs"].default, *VALIDATE["jobs"].flags, help="Processes to use; 0 = one per core."
    ),
) -> None:
    """Check that journey files are well-formed and every reference resolves.

    Exit code: 0 all valid, 1 problems found, 2 usage error.
    """
    # The work is in cjmkit.cli.quick, which also serves the common case before
    # typer is even imported (see cjmkit.cli.main).
    from cjmkit.cli.quick import run_validate

    raise typer.Exit(run_validate(paths or [], format=format, jobs=jobs))
