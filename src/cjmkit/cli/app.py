"""The ``cjm`` command: a thin layer over the Python API.

Each verb lives in its own module under ``cjmkit.cli`` and registers itself on
``app``; this module only assembles them.
"""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="cjm",
    help="Customer journey maps as code: validate, lint, render and diff *.cjm.yaml files.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

#: The modules that define commands, in the order they appear in --help.
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
    "diff",
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
