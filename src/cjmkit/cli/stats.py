"""``cjm stats``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from cjmkit.cli.app import app
from cjmkit.cli.common import check_choice, fail_usage


@app.command()
def stats(
    paths: list[Path] = typer.Argument(None, help="Journey files or folders. Default: the workspace's journeys."),
    format: str = typer.Option("text", "--format", "-f", help="text, json or markdown."),
) -> None:
    """Per journey and in total: size, pain points, emotions, KPIs on target, stale maps, load per team.

    Exit code: 0 done, 1 some files have problems (left out of the figures), 2 usage error.
    """
    from cjmkit.authoring.stats import (
        JOURNEY_HEADERS,
        TEAM_HEADERS,
        TEAM_TITLE,
        journey_rows,
        portfolio,
        team_rows,
        to_markdown,
        to_text,
    )
    from cjmkit.diagnostics import output
    from cjmkit.errors import UsageError
    from cjmkit.validation import check

    fmt = check_choice(format, ("text", "json", "markdown"), "--format")
    try:
        report = check(paths or [])
    except UsageError as err:
        fail_usage(str(err))
    journeys = [(r.journey, r.path) for r in report.valid_journeys if r.journey is not None]
    broken = [d for d in report.diagnostics if d.severity.value == "error"]
    if broken:
        output.write_text(broken, len(report.results), sys.stderr)
        sys.stderr.write("Files with problems are left out of the figures below.\n")
    figures = portfolio(journeys)
    if fmt == "json":
        sys.stdout.write(json.dumps(figures.to_dict(), indent=2, ensure_ascii=False) + "\n")
    elif fmt == "markdown":
        sys.stdout.write(to_markdown(figures))
    elif sys.stdout.isatty() and output.use_color(sys.stdout):
        from rich.console import Console
        from rich.table import Table

        console = Console()
        for title, headers, rows in (
            ("Journeys", JOURNEY_HEADERS, journey_rows(figures)),
            (TEAM_TITLE, TEAM_HEADERS, team_rows(figures)),
        ):
            table = Table(*headers, title=title)
            for row in rows:
                table.add_row(*row)
            console.print(table)
    else:
        sys.stdout.write(to_text(figures))
    raise typer.Exit(1 if broken else 0)
