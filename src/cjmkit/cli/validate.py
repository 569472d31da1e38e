"""``cjm validate``."""

from __future__ import annotations

from pathlib import Path

import typer

from cjmkit.cli.app import app
from cjmkit.cli.common import check_choice, fail_usage


@app.command()
def validate(
    paths: list[Path] = typer.Argument(
        None, help="Journey files or folders (folders: every *.cjm.yaml below). Default: the workspace's journeys."
    ),
    format: str = typer.Option(
        "auto", "--format", "-f", help="text, json, github, or auto (github under GitHub Actions)."
    ),
    jobs: int = typer.Option(0, "--jobs", "-j", help="Processes to use; 0 = one per core."),
) -> None:
    """Check that journey files are well-formed and every reference resolves.

    Exit code: 0 all valid, 1 problems found, 2 usage error.
    """
    from cjmkit.diagnostics import output
    from cjmkit.validation import UsageError
    from cjmkit.validation import validate as run

    fmt = output.pick_format(check_choice(format, ("auto", *output.FORMATS), "--format"))
    try:
        report = run(paths or [], jobs=jobs)
    except UsageError as err:
        fail_usage(str(err))
    diags = report.diagnostics
    files = len(report.results)
    if files == 0 and not diags:
        fail_usage("no journey files found (journey files are named *.cjm.yaml or *.cjm.yml)")
    if fmt == "json":
        output.write_json(diags, files)
    elif fmt == "github":
        output.write_github(diags, files)
    else:
        output.write_text(diags, files)
    raise typer.Exit(0 if report.ok else 1)
