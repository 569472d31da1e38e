"""``cjm export csv|json``."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from cjmkit.cli.app import app
from cjmkit.cli.common import fail_usage

export_app = typer.Typer(
    name="export",
    help="Write a journey in another format: csv (for spreadsheets) or json (the validated model).",
    no_args_is_help=True,
)
app.add_typer(export_app)


def _load_valid(path: Path) -> object:
    """The journey in ``path``, or exit 1 with its problems, or 2 if it does not exist."""
    from cjmkit.diagnostics import output
    from cjmkit.validation import check

    if not path.is_file():
        fail_usage(f"{path}: no such file")
    checked = check([path])
    result = checked.results[0]
    if result.journey is None or not result.valid:
        output.write_text(result.diagnostics, 1, sys.stderr)
        sys.stderr.write("Nothing was exported: fix the journey first.\n")
        raise typer.Exit(1)
    return result.journey


def _emit(text: str, output: Path | None, force: bool) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    from cjmkit.fileio import is_stdout, write_new

    try:
        write_new(output, text, force=force)
    except FileExistsError:
        fail_usage(f"{output} already exists; use --force to overwrite it")
    except OSError as err:
        fail_usage(f"cannot write {output}: {err.strerror or err}")
    if not is_stdout(output):
        sys.stderr.write(f"wrote {output}\n")


@export_app.command("csv")
def export_csv(
    path: Path = typer.Argument(..., help="The journey file."),
    output: Path = typer.Option(None, "--output", "-o", help="Write here instead of to standard output."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing output file."),
) -> None:
    """One row per touchpoint: stage, touchpoint, channel, owner, emotions, pain points, KPIs...

    Cells a spreadsheet would run as a formula are written as text. 'cjm import csv' reads the file back.
    """
    from cjmkit.authoring.csv_export import journey_to_csv
    from cjmkit.model.journey import Journey

    journey = _load_valid(path)
    assert isinstance(journey, Journey)
    _emit(journey_to_csv(journey), output, force)


@export_app.command("json")
def export_json(
    path: Path = typer.Argument(..., help="The journey file."),
    output: Path = typer.Option(None, "--output", "-o", help="Write here instead of to standard output."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing output file."),
) -> None:
    """The validated journey as JSON, with every default filled in."""
    from cjmkit.authoring.json_export import journey_to_json
    from cjmkit.model.journey import Journey

    journey = _load_valid(path)
    assert isinstance(journey, Journey)
    _emit(journey_to_json(journey), output, force)
