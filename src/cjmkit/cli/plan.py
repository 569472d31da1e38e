"""``cjm plan``."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from cjmkit.cli.app import app
from cjmkit.cli.common import check_choice, fail_usage


@app.command()
def plan(
    paths: list[Path] = typer.Argument(None, help="Journey files or folders. Default: the workspace's journeys."),
    format: str = typer.Option(
        "text", "--format", "-f", help="text, markdown, json, csv, github-csv or jira-csv (issue tracker imports)."
    ),
    team: str = typer.Option(None, "--team", help="Only opportunities this team owns or must act on."),
    journey: str = typer.Option(None, "--journey", help="Only the opportunities of this journey (its id)."),
    status: str = typer.Option(
        None, "--status", help="Statuses to show, comma-separated. Default: idea,planned,in-progress."
    ),
    top: int = typer.Option(None, "--top", help="Only the first N of the backlog."),
) -> None:
    """The ranked backlog across the workspace: every open opportunity with its score, the pains it
    addresses, owner, stakeholders and KPIs; then the high and critical pain points nobody addresses.

    Ranking: a manual priority first (lowest first), then the higher score; ties by the severity
    of the pain points addressed, then by id. Exit code: 0 done, 1 some files have problems (left
    out of the backlog), 2 usage error.
    """
    from cjmkit.diagnostics import output
    from cjmkit.errors import UsageError
    from cjmkit.planning import OPEN_STATUSES, STATUSES, build_plan
    from cjmkit.planning.formats import FORMATS, TABLE_HEADERS, heading, table_rows, unaddressed_lines, write

    fmt = check_choice(format, FORMATS, "--format")
    if top is not None and top < 1:
        fail_usage(f"--top must be 1 or more (got {top})")
    statuses: tuple[str, ...] = OPEN_STATUSES
    if status is not None:
        statuses = tuple(s.strip() for s in status.split(",") if s.strip())
        for s in statuses or ("",):
            check_choice(s, STATUSES, "--status")
    try:
        backlog = build_plan(paths or [], team=team, journey=journey, statuses=statuses, top=top)
    except UsageError as err:
        fail_usage(str(err))
    broken = [d for d in backlog.diagnostics if d.severity.value == "error"]
    if backlog.workspace_broken:
        output.write_text(backlog.diagnostics, backlog.files, sys.stderr)
        sys.stderr.write("cjm: cjm.yaml has problems (above), so no backlog can be made: fix them first.\n")
        raise typer.Exit(1)
    if broken:
        output.write_text(broken, backlog.files, sys.stderr)
        sys.stderr.write("Files with problems are left out of the backlog below.\n")
    if fmt == "text" and sys.stdout.isatty() and output.use_color(sys.stdout):
        from rich.console import Console
        from rich.table import Table

        table = Table(*TABLE_HEADERS, title=heading(backlog))
        for row in table_rows(backlog):
            table.add_row(*row)
        console = Console()
        console.print(table)
        console.print("\n".join(unaddressed_lines(backlog)), highlight=False, markup=False)
    else:
        sys.stdout.write(write(backlog, fmt))
    raise typer.Exit(1 if broken else 0)
