"""``cjm fmt``."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from cjmkit.cli.app import app
from cjmkit.cli.common import fail_usage


@app.command()
def fmt(
    paths: list[Path] = typer.Argument(
        None, help="Journey files or folders (and cjm.yaml if named). Default: the workspace's journeys."
    ),
    check: bool = typer.Option(False, "--check", help="Change nothing; list the files that would change (exit 1)."),
    diff: bool = typer.Option(
        False, "--diff", help="Change nothing; show the changes formatting would make (exit 1 if any)."
    ),
) -> None:
    """Put keys in the canonical order and lay files out the same way, keeping every comment.

    Exit code: 0 nothing to do or all formatted, 1 a file would change (--check, --diff) or has problems, 2 usage error.
    """
    from cjmkit.authoring.fmt import iter_format, write_formatted
    from cjmkit.diagnostics import output
    from cjmkit.errors import UsageError
    from cjmkit.validation import select

    try:
        selection = select(paths or [])
    except UsageError as err:
        fail_usage(str(err))
    workspace, files = selection.workspace, selection.files
    if not files:  # only when cjm.yaml is broken: that is the problem to report
        output.write_text(workspace.diagnostics, 0, sys.stderr)
        raise typer.Exit(1)
    changed: list[str] = []
    broken = 0
    for path, result in zip(files, iter_format(files, workspace), strict=True):
        if not result.ok:
            broken += 1
            for d in result.diagnostics:
                sys.stderr.write(output.text_line(d, output.use_color(sys.stderr)) + "\n")
            continue
        if not result.changed:
            continue
        changed.append(result.path)
        if diff:
            sys.stdout.write(result.diff())
        elif check:
            sys.stdout.write(f"would reformat {result.path}\n")
        else:
            try:
                write_formatted(result, path)
            except OSError as err:
                fail_usage(f"cannot write {result.path}: {err.strerror or err} (the file is unchanged)")
            sys.stdout.write(f"reformatted {result.path}\n")
    verb = "would be reformatted" if (check or diff) else "reformatted"
    summary = f"{output.plural(len(changed), 'file')} {verb}, {len(files) - len(changed) - broken} already tidy"
    if broken:
        summary += f", {output.plural(broken, 'file')} left untouched because of problems"
    sys.stderr.write(summary + ".\n")
    raise typer.Exit(1 if broken or ((check or diff) and changed) else 0)
