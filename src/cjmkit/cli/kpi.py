"""``cjm kpi update``."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from cjmkit.cli.app import app
from cjmkit.cli.common import fail_usage

kpi_app = typer.Typer(name="kpi", help="Keep KPI values current from real data.", no_args_is_help=True)
app.add_typer(kpi_app)


@kpi_app.command("update")
def update(
    paths: list[Path] = typer.Argument(
        None, help="Journey files or folders to update. Default: the workspace's journeys."
    ),
    source: Path = typer.Option(..., "--from", help="A CSV file with the columns journey, kpi, value, date."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Show what would change; write nothing."),
) -> None:
    """Set each KPI's current value, and the journey's measured date, from a metrics CSV.

    Only those values change: comments, layout and every other value stay byte for byte. Exit code: 0 all
    rows applied, 1 some rows name unknown journeys or KPIs or cannot be read, or a journey cannot be read
    (the others are still applied), 2 usage error or a journey changed on disk meanwhile.
    """
    from cjmkit.authoring.kpi_update import plan_updates, read_metrics
    from cjmkit.diagnostics import output
    from cjmkit.errors import UsageError
    from cjmkit.fileio import ChangedOnDiskError, replace_checked, write_atomic
    from cjmkit.loader import LoadError, read_text
    from cjmkit.validation import select
    from cjmkit.workspace import display_path

    shown = display_path(source)
    if not source.is_file():
        fail_usage(f"{shown}: no such file")
    try:
        text = read_text(source, shown)
    except LoadError as err:
        output.write_text(err.diagnostics, 1)
        raise typer.Exit(1) from None
    try:
        selection = select(paths or [])
    except UsageError as err:
        fail_usage(str(err))
    workspace, files = selection.workspace, selection.files
    if not files:  # only when cjm.yaml is broken: that is the problem to report
        output.write_text(workspace.diagnostics, 0, sys.stderr)
        raise typer.Exit(1)
    metrics, problems = read_metrics(text, shown)
    report = plan_updates(metrics, files, workspace, shown)
    # Files someone changed while cjm worked are left as they are now (exit 2, like any other
    # file that cannot be written); the others are still updated.
    changed_meanwhile = 0
    for upd in report.updates:
        if not dry_run:
            try:
                if upd.snapshot is not None:
                    replace_checked(upd.path, upd.text, upd.snapshot)
                else:
                    write_atomic(upd.path, upd.text)
            except ChangedOnDiskError:
                sys.stderr.write(
                    f"error: {display_path(upd.path)} changed on disk while cjm worked on it; "
                    "it was left as it is now: run 'cjm kpi update' again\n"
                )
                changed_meanwhile += 1
                continue
            except OSError as err:
                fail_usage(f"cannot write {display_path(upd.path)}: {err.strerror or err} (the file is unchanged)")
        verb = "would update" if dry_run else "updated"
        sys.stdout.write(f"{verb} {display_path(upd.path)}\n")
        for change in upd.changes:
            sys.stdout.write(f"  {change}\n")
    diags = sorted(problems + report.diagnostics, key=lambda d: d.sort_key())
    if diags:
        output.write_text(diags, 1, verb="read")
    elif not report.updates and not changed_meanwhile:
        sys.stdout.write("Every KPI already had these values; nothing to change.\n")
    raise typer.Exit(2 if changed_meanwhile else 1 if diags else 0)
