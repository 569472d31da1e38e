"""The ``cjm`` command: a thin layer over the Python API.

Each verb lives in its own module under ``cjmkit.cli`` and registers itself on
``app``; this module only assembles them.
"""

from __future__ import annotations

import importlib

import typer
from typer.core import TyperCommand, TyperGroup

from cjmkit.cli.helptext import CjmCommand, CjmGroup, panel_of

app = typer.Typer(
    name="cjm",
    cls=CjmGroup,
    help="Customer journey maps as code: validate, lint, render and diff *.cjm.yaml files.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

#: The modules that define commands (the order of --help is set in cjmkit.cli.helptext).
COMMAND_MODULES = [
    "validate",
    "schema",
    "render",
    "lint",
    "init",
    "new",
    "fmt",
    "export",
    "import_",
    "kpi",
    "stats",
    "plan",
    "diff",
    "history",
]


def _version(value: bool) -> None:
    if value:
        from cjmkit import __version__

        typer.echo(f"cjm {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", "-V", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Customer journey maps as code."""


for _name in COMMAND_MODULES:
    importlib.import_module(f"cjmkit.cli.{_name}")


def _use_cjm_help(typer_app: typer.Typer) -> None:
    """Every command and group gets cjm's help layout, and its section of ``cjm --help``."""
    for command in typer_app.registered_commands:
        if command.cls in (None, TyperCommand):
            command.cls = CjmCommand
        name = command.name or (command.callback.__name__ if command.callback else "")
        command.rich_help_panel = command.rich_help_panel or panel_of(name)
    for group in typer_app.registered_groups:
        sub = group.typer_instance
        if sub is None:
            continue
        if sub.info.cls in (None, TyperGroup) or not isinstance(sub.info.cls, type):
            sub.info.cls = CjmGroup
        group.rich_help_panel = group.rich_help_panel or panel_of(group.name or str(sub.info.name))
        _use_cjm_help(sub)


_use_cjm_help(app)
