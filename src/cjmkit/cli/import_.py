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
    merge: Callable[..., object] | None = None,
    **options: object,
) -> None:
    """Convert, validate, and write only if the result is a valid journey that overwrites nothing.

    With ``merge`` and ``force``, an existing journey is updated in place instead of replaced.
    """
    from cjmkit.authoring.importing import ImportOptionError, ImportResult, check_text
    from cjmkit.authoring.starter import default_journey_path
    from cjmkit.diagnostics import output as out
    from cjmkit.fileio import is_stdout, write_new
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
    target = output or (default_journey_path(workspace, result.journey_id) if result.journey_id else None)
    if target is not None and not is_stdout(target) and target.exists():
        if not force:
            how = "--update to merge into it" if merge is not None else "--force to overwrite it"
            fail_usage(f"{display_path(target)} already exists; use {how}, or -o to write elsewhere")
        if merge is not None and target.is_file():
            # The merged journey is checked, not the one the source alone would make.
            _update_existing(target, text, shown, merge, workspace)
            return
    if not result.ok or target is None:
        out.write_text(result.diagnostics, 1)
        sys.stdout.write("Nothing was written.\n")
        raise typer.Exit(1)
    problems = check_text(result.text, target, workspace)
    if problems:
        out.write_text(problems, 1)
        sys.stdout.write("Nothing was written: the imported journey would not be valid.\n")
        raise typer.Exit(1)
    replaced = _journey_in(target, workspace) if force and not is_stdout(target) and target.is_file() else None
    written = result.text
    if not is_stdout(target):
        # Like a map from 'cjm new': editors find the schema from the first line.
        from cjmkit.authoring.editor_schema import schema_line, with_schema_line

        written = with_schema_line(written, schema_line(target, workspace.root if workspace.config_path else None))
    try:
        write_new(target, written, force=force)
    except OSError as err:
        fail_usage(f"cannot write {display_path(target)}: {err.strerror or err}")
    note = sys.stderr if is_stdout(target) else sys.stdout  # '-o -': the journey itself is on standard output
    if replaced is None:
        note.write(f"created {display_path(target)} (journey '{result.journey_id}')\n")
    else:
        _report_replaced(target, replaced, written, workspace)
    for line in result.notes:
        note.write(f"  note: {line}\n")


def _journey_in(path: Path, workspace: object) -> object:
    """The valid journey in ``path`` (what a replacement loses is then listed), else False."""
    from cjmkit.validation import validate_file
    from cjmkit.workspace import Workspace

    assert workspace is None or isinstance(workspace, Workspace)
    found = validate_file(path, workspace)
    return found.journey if found.journey is not None and found.valid else False


def _report_replaced(target: Path, old: object, text: str, workspace: object) -> None:
    """Say that the file was replaced and, when it held a valid journey, every change as cjm diff words it."""
    from cjmkit.diffing import diff_journeys
    from cjmkit.diffing.formats.describe import ordered, sentence
    from cjmkit.loader import parse
    from cjmkit.model.journey import Journey
    from cjmkit.validation import validate_document
    from cjmkit.workspace import Workspace, display_path

    assert workspace is None or isinstance(workspace, Workspace)
    new = validate_document(parse(text, display_path(target)), workspace).journey
    if not isinstance(old, Journey) or new is None:
        sys.stdout.write(f"replaced {display_path(target)}\n")
        return
    changes = ordered(diff_journeys(old, new))
    sys.stdout.write(f"replaced {display_path(target)} (journey '{new.id}'): {len(changes)} changes\n")
    for change in changes:
        sys.stdout.write(f"  {change.impact:<11} {sentence(change)}\n")


def _update_existing(target: Path, text: str, shown: str, merge: Callable[..., object], workspace: object) -> None:
    """Merge the source into the journey at ``target``, changing only what the source carries."""
    from cjmkit.authoring.csv_merge import MergeResult
    from cjmkit.authoring.yaml_edit import read_for_edit
    from cjmkit.diagnostics import output as out
    from cjmkit.diffing import diff_journeys
    from cjmkit.diffing.formats.describe import ordered, sentence
    from cjmkit.fileio import ChangedOnDiskError, replace_checked
    from cjmkit.loader import LoadError, parse
    from cjmkit.validation import validate_document
    from cjmkit.workspace import Workspace, display_path

    assert workspace is None or isinstance(workspace, Workspace)
    target_shown = display_path(target)
    try:
        journey_text, snapshot = read_for_edit(target, target_shown)
        before = validate_document(parse(journey_text, target_shown), workspace)
    except LoadError as err:
        out.write_text(err.diagnostics, 1)
        sys.stdout.write(f"Nothing was written: {target_shown} cannot be read.\n")
        raise typer.Exit(1) from None
    if before.journey is None or not before.valid:
        out.write_text([d for d in before.diagnostics if d.severity.value == "error"], 1)
        sys.stdout.write(f"Nothing was written: fix {target_shown} first (see 'cjm validate'), then import again.\n")
        raise typer.Exit(1)
    merged = merge(text, shown, journey_text, before.journey, workspace, target_shown)
    assert isinstance(merged, MergeResult)
    if merged.diagnostics:
        out.write_text(merged.diagnostics, 1)
        sys.stdout.write(f"Nothing was written: {target_shown} would not be valid with these changes.\n")
        raise typer.Exit(1)
    if merged.text == journey_text:
        sys.stdout.write(f"{target_shown}: already up to date; nothing changed\n")
        for line in merged.notes:  # e.g. what the sheet asked for that cjm left alone
            sys.stdout.write(f"  note: {line}\n")
        return
    after = validate_document(parse(merged.text, target_shown), workspace)
    assert after.journey is not None  # the merge checked it
    try:
        replace_checked(target, merged.text, snapshot)
    except ChangedOnDiskError:
        fail_usage(f"{target_shown} changed on disk while cjm worked on it; nothing was written: import again")
    except OSError as err:
        fail_usage(f"cannot write {target_shown}: {err.strerror or err}")
    changes = ordered(diff_journeys(before.journey, after.journey))
    sys.stdout.write(f"updated {target_shown} (journey '{after.journey.id}'): {len(changes)} changes\n")
    for change in changes:
        sys.stdout.write(f"  {change.impact:<11} {sentence(change)}\n")
    for line in merged.notes:
        sys.stdout.write(f"  note: {line}\n")


@import_app.command("csv")
def import_csv(
    source: Path = typer.Argument(..., help="A CSV file in the layout of 'cjm export csv'."),
    output: Path = typer.Option(
        None, "--output", "-o", help="The journey file to write (default: journeys/ID.cjm.yaml)."
    ),
    journey_id: str = typer.Option(None, "--id", help="The journey's id (default: the journey column)."),
    title: str = typer.Option(None, "--title", help="The journey's title (default: the journey_title column)."),
    update: bool = typer.Option(
        False,
        "--update",
        "--force",
        help="Merge into an existing journey file: only what the sheet carries changes (--force: the same).",
    ),
) -> None:
    """Read a spreadsheet back into a journey file (one row per touchpoint).

    Into an existing journey (--update), the sheet's stages, touchpoints, pain points, KPIs and
    backstage steps are merged: cells that differ update the file, rows added or removed add or
    remove touchpoints, and everything the sheet does not carry (comments, opportunities,
    evidence, catalogs, x- keys) stays byte for byte. What changed is listed as cjm diff says it.

    Exit code: 0 written (or nothing to change), 1 the CSV or the journey has problems (nothing written),
    2 usage error, the file exists (without --update), or it changed on disk meanwhile.
    """
    from cjmkit.authoring.csv_import import import_csv as convert
    from cjmkit.authoring.csv_merge import merge_csv

    _run_import(source, convert, output, update, merge_csv, journey_id=journey_id, title=title)


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
    force: bool = typer.Option(
        False, "--force", help="Replace an existing journey file (every change, losses included, is listed)."
    ),
) -> None:
    """Turn a Mermaid journey diagram into a journey file: sections become stages, tasks touchpoints,
    scores emotions (score - 3), actors personas. Whatever cannot be carried over is listed.

    Exit code: 0 written, 1 no diagram or an invalid result (nothing written), 2 usage error or the file exists.
    """
    from cjmkit.authoring.mermaid import import_mermaid as convert

    _run_import(source, convert, output, force, journey_id=journey_id, index=index, title=diagram_title)
