"""``cjm diff``."""

from __future__ import annotations

from pathlib import Path

import typer

from cjmkit.cli.app import app
from cjmkit.cli.options import DIFF


@app.command()
def diff(
    args: list[str] = typer.Argument(
        ...,
        metavar="OLD [NEW]",
        help="Two journey files (each a path or REV:path); or REV (working tree against REV); or REV1 REV2; "
        "or one journey file (its last commit against the working tree).",
    ),
    format: str = typer.Option(DIFF["format"].default, *DIFF["format"].flags, help="text, markdown, json or html."),
    output: Path | None = typer.Option(
        DIFF["output"].default, *DIFF["output"].flags, help="Write to this file instead of the screen."
    ),
    exit_code: bool = typer.Option(
        DIFF["exit_code"].default, *DIFF["exit_code"].flags, help="Exit 1 when anything changed."
    ),
    fail_on: str = typer.Option(
        DIFF["fail_on"].default, *DIFF["fail_on"].flags, help="regression: exit 1 when any regression is found."
    ),
    engine: str = typer.Option(
        DIFF["engine"].default, *DIFF["engine"].flags, help="Diagram layout for html: auto, system or embedded."
    ),
    git_external: bool = typer.Option(
        DIFF["git_external"].default,
        *DIFF["git_external"].flags,
        help="Take the arguments git passes to an external diff (see docs/diff.md).",
    ),
) -> None:
    """Show what changed in journey maps: improvements, regressions and everything else, matched by id.

    Exit code: 0 compared, 1 a side is invalid (or --exit-code / --fail-on met), 2 usage or git error.
    """
    # The work is in cjmkit.cli.quick, which also serves plain runs before typer is imported.
    from cjmkit.cli.quick import run_diff

    raise typer.Exit(
        run_diff(
            args,
            format=format,
            output=output,
            exit_code=exit_code,
            fail_on=fail_on,
            engine=engine,
            git_external=git_external,
        )
    )
