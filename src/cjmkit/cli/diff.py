"""``cjm diff``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING

import typer

from cjmkit.cli.app import app
from cjmkit.cli.common import check_choice, fail_usage

if TYPE_CHECKING:
    from cjmkit.diffing import DiffReport

FAIL_ON = ("regression", "never")


@app.command()
def diff(
    args: list[str] = typer.Argument(
        ...,
        metavar="OLD [NEW]",
        help="Two journey files (each a path or REV:path); or REV (working tree against REV); or REV1 REV2; "
        "or one journey file (its last commit against the working tree).",
    ),
    format: str = typer.Option("text", "--format", "-f", help="text, markdown, json or html."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write to this file instead of the screen."),
    exit_code: bool = typer.Option(False, "--exit-code", help="Exit 1 when anything changed."),
    fail_on: str = typer.Option("never", "--fail-on", help="regression: exit 1 when any regression is found."),
    engine: str = typer.Option("auto", "--engine", help="Diagram layout for html: auto, system or embedded."),
    git_external: bool = typer.Option(
        False, "--git-external", help="Take the arguments git passes to an external diff (see docs/diff.md)."
    ),
) -> None:
    """Show what changed in journey maps: improvements, regressions and everything else, matched by id.

    Exit code: 0 compared, 1 a side is invalid (or --exit-code / --fail-on met), 2 usage or git error.
    """
    from cjmkit.diffing.formats import FORMATS
    from cjmkit.validation import UsageError

    check_choice(format, FORMATS, "--format")
    check_choice(fail_on, FAIL_ON, "--fail-on")
    try:
        report = _compare(args, git_external)
        if output is None:
            _write(report, format, engine, sys.stdout)
        else:
            import io

            from cjmkit.fileio import write_atomic

            buffer = io.StringIO()
            _write(report, format, engine, buffer)
            write_atomic(output, buffer.getvalue())
    except UsageError as err:
        fail_usage(str(err))
    except BrokenPipeError:
        # The reader (head, less) stopped early: not an error, and nothing more to say.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0) from None
    except OSError as err:
        fail_usage(f"{output}: cannot write the file ({err.strerror})")
    if git_external:
        raise typer.Exit(0)  # git stops at the first external diff that exits non-zero
    if report.has_invalid:
        raise typer.Exit(1)
    if exit_code and report.has_changes:
        raise typer.Exit(1)
    if fail_on == "regression" and report.has_regressions:
        raise typer.Exit(1)
    raise typer.Exit(0)


def _compare(args: list[str], git_external: bool) -> DiffReport:
    from cjmkit.diffing import diff_files, diff_for_git, diff_revisions
    from cjmkit.validation import UsageError

    if git_external:
        if len(args) not in (7, 9):
            raise UsageError("--git-external takes the 7 (or 9) arguments git passes to an external diff program")
        return diff_for_git(args[0], args[1], args[4])
    if len(args) == 1:
        (arg,) = args
        if Path(arg).is_file():
            # One file: as last committed, against the working tree (like "git diff FILE").
            rel = os.path.relpath(arg)
            return diff_files(f"HEAD:{rel if rel.startswith('../') else './' + rel}", arg)
        return diff_revisions(arg)
    if len(args) == 2:
        old, new = args
        if any(Path(a).exists() or ":" in a for a in args):
            return diff_files(old, new)
        return diff_revisions(old, new)
    raise UsageError("give two files (OLD NEW), a revision (REV) or two revisions (REV1 REV2)")


def _write(report: DiffReport, format: str, engine: str, stream: IO[str]) -> None:
    if format == "html":
        from cjmkit.diffing.formats.html import render_html

        stream.write(render_html(report, engine=engine))
    elif format == "markdown":
        from cjmkit.diffing.formats.markdown import write_markdown

        write_markdown(report, stream)
    elif format == "json":
        from cjmkit.diffing.formats.jsonfmt import write_json

        write_json(report, stream)
    else:
        from cjmkit.diffing.formats.text import write_text

        write_text(report, stream)
