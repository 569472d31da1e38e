"""``cjm new``."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from cjmkit.cli.app import app
from cjmkit.cli.common import fail_usage


@app.command()
def new(
    journey_id: str = typer.Argument(
        None, metavar="ID", help="The new journey's id, for example 'checkout' (default: made from --title)."
    ),
    template: str = typer.Option("b2c", "--template", "-t", help="Which template to start from (see --list)."),
    title: str = typer.Option(None, "--title", help="The journey's title."),
    focus: str = typer.Option(None, "--focus", help="For a tactical map: the JOURNEY/TOUCHPOINT it zooms into."),
    output: Path = typer.Option(
        None, "--output", "-o", help="Where to write it (default: journeys/ID.cjm.yaml in the workspace)."
    ),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
    list_templates: bool = typer.Option(False, "--list", help="List the templates and exit."),
) -> None:
    """Start a new journey from a template full of guiding questions.

    Exit code: 0 written, 1 the result would not be valid here, 2 usage error (unknown template, file exists).
    """
    from cjmkit.authoring.editor_schema import schema_line, with_schema_line
    from cjmkit.authoring.starter import (
        AuthoringError,
        available_templates,
        check_new_journey,
        default_journey_path,
        find_template,
        journey_from_template,
        parse_focus,
    )
    from cjmkit.diagnostics import output as out
    from cjmkit.validation.workspace_file import open_workspace
    from cjmkit.workspace import display_path

    workspace = open_workspace()
    if list_templates:
        for t in available_templates(workspace):
            origin = "" if t.source == "built-in" else "  (this workspace)"
            sys.stdout.write(f"{t.name:<12} {t.summary}{origin}\n")
        raise typer.Exit(0)
    if not journey_id and title:
        from cjmkit.authoring.importing import slugify

        journey_id = slugify(title, "")
    if not journey_id:
        why = "--title has no letters or digits to make an id from; " if title else ""
        fail_usage(f"{why}give the new journey's id, for example: cjm new checkout --template b2c")
    try:
        chosen = find_template(template, workspace)
        text = journey_from_template(chosen, journey_id, title=title, focus=parse_focus(focus) if focus else None)
    except AuthoringError as err:
        fail_usage(str(err))
    target = output or default_journey_path(workspace, journey_id)
    text = with_schema_line(text, schema_line(target, workspace.root if workspace.config_path else None))
    if target.exists() and not force:
        fail_usage(f"{display_path(target)} already exists; use --force to overwrite it")
    problems = check_new_journey(text, target, workspace)
    if problems:
        for d in problems:
            sys.stdout.write(out.text_line(d) + "\n")
        sys.stdout.write("Nothing was written: the new journey would not be valid in this workspace.\n")
        raise typer.Exit(1)
    from cjmkit.fileio import is_stdout, write_new

    try:
        write_new(target, text, force=force)
    except OSError as err:
        fail_usage(f"cannot write {display_path(target)}: {err.strerror or err}")
    # With '-o -' the journey itself is on standard output, and is its own confirmation.
    if not is_stdout(target):
        sys.stdout.write(f"created {display_path(target)} from the '{chosen.name}' template\n")
