"""``cjm import csv|mermaid``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import typer

from cjmkit.cli.app import app
from cjmkit.cli.common import fail_usage

import_app = typer.Typer(
    name="import",
    help="Turn a spreadsheet (csv) or a Mermaid journey diagram (mermaid) into a journey file.",
    no_args_is_help=True,
)
app.add_typer(import_app)


def _run_import(
    source: Path,
    convert: Callable[..., object],
    output: Path | None,
    force: bool,
    **options: object,
) -> None:
    """Convert, validate, and write only if the result is a valid journey that overwrites nothing."""
    from cjmkit.authoring.importing import ImportOptionError, ImportResult, check_text
    from cjmkit.authoring.starter import default_journey_path
    from cjmkit.diagnostics import output as out
    from cjmkit.fileio import write_new
    from cjmkit.loader import LoadError, read_text
    from cjmkit.validation.workspace_file import open_workspace
    from cjmkit.workspace import display_path

    shown = display_path(source)
    try:
        text = read_text(source, shown)
    except LoadError as err:
        if err.diagnostics[0].code == "E100" and not source.exists():
            fail_usage(f"{shown}: no such file")
        out.write_text(err.diagnostics, 1)
        raise typer.Exit(1) from None
    workspace = open_workspace()
    try:
        result = convert(text, shown, workspace=workspace, **options)
    except ImportOptionError as err:
        fail_usage(str(err))
    assert isinstance(result, ImportResult)
    for warning in result.warnings:
        sys.stderr.write(f"cjm: warning: {warning}\n")
    if not result.ok:
        out.write_text(result.diagnostics, 1)
        sys.stdout.write("Nothing was written.\n")
        raise typer.Exit(1)
    target = output or default_journey_path(workspace, result.journey_id)
    if target.exists() and not force:
        fail_usage(f"{display_path(target)} already exists; use --force to overwrite it, or -o to write elsewhere")
    problems = check_text(result.text, target, workspace)
    if problems:
        out.write_text(problems, 1)
        sys.stdout.write("Nothing was written: the imported journey would not be valid.\n")
        raise typer.Exit(1)
    try:
        write_new(target, result.text, force=force)
    except OSError as err:
        fail_usage(f"cannot write {display_path(target)}: {err.strerror or err}")
    sys.stdout.write(f"created {display_path(target)} (journey '{result.journey_id}')\n")
    for note in result.notes:
        sys.stdout.write(f"  note: {note}\n")


@import_app.command("csv")
def import_csv(
    source: Path = typer.Argument(..., help="A CSV file in the layout of 'cjm export csv'."),
    output: Path = typer.Option(
        None, "--output", "-o", help="The journey file to write (default: journeys/ID.cjm.yaml)."
    ),
    journey_id: str = typer.Option(None, "--id", help="The journey's id (default: the journey column)."),
    title: str = typer.Option(None, "--title", help="The journey's title (default: the journey_title column)."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing journey file."),
) -> None:
    """Read a spreadsheet back into a journey file (one row per touchpoint).

    Exit code: 0 written, 1 the CSV has problems (nothing written), 2 usage error or the file exists.
    """
    from cjmkit.authoring.csv_import import import_csv as convert

    _run_import(source, convert, output, force, journey_id=journey_id, title=title)


@import_app.command("mermaid")
def import_mermaid(
    source: Path = typer.Argument(
        ...,
        help="A .mmd file, or a Markdown, HTML or reStructuredText file with a journey diagram "
        '(```mermaid, <div class="mermaid">, .. mermaid::).',
    ),
    output: Path = typer.Option(
        None, "--output", "-o", help="The journey file to write (default: journeys/ID.cjm.yaml)."
    ),
    journey_id: str = typer.Option(None, "--id", help="The journey's id (default: made from the diagram's title)."),
    index: int = typer.Option(
        None, "--index", metavar="N", help="Of several journey diagrams in the file, import the N-th (from 1)."
    ),
    diagram_title: str = typer.Option(
        None,
        "--title",
        metavar="TITLE",
        help="Of several journey diagrams in the file, import the one with this title.",
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing journey file."),
) -> None:
    """Turn a Mermaid journey diagram into a journey file: sections become stages, tasks touchpoints,
    scores emotions (score - 3), actors personas. Whatever cannot be carried over is listed.

    Exit code: 0 written, 1 no diagram or an invalid result (nothing written), 2 usage error or the file exists.
    """
    from cjmkit.authoring.mermaid import import_mermaid as convert

    _run_import(source, convert, output, force, journey_id=journey_id, index=index, title=diagram_title)
