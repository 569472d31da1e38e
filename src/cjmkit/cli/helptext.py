"""How ``cjm --help`` reads: commands grouped by task, whole summaries, placeholders people read.

Typer's plain help cuts each command's summary to 45 characters, lists commands in
the order their modules were imported, and names values by Python type
(``<list[Path]>``, ``<str>``). The two classes here keep Typer's layout and change
only those three things. The groups are Typer's own ``rich_help_panel``, printed as
plain sections.
"""

from __future__ import annotations

from typing import Any

from typer import _click as click  # Typer carries its own copy of click; its classes are these
from typer.core import TyperArgument, TyperCommand, TyperGroup

#: The sections of ``cjm --help``, in order, each with its commands in order.
PANELS = {
    "Checking": ("validate", "lint", "rules", "explain", "schema"),
    "Drawing": ("render", "export"),
    "Reviewing": ("diff", "stats", "plan", "history"),
    "Authoring": ("init", "new", "fmt", "import", "kpi"),
}
_ORDER = [name for names in PANELS.values() for name in names]

#: Placeholders by parameter name, for options and arguments that do not set ``metavar``.
PLACEHOLDERS = {
    "paths": "PATH",
    "path": "FILE",
    "source": "FILE",
    "output": "FILE",
    "folder": "DIR",
    "site": "DIR",
    "template_dir": "DIR",
    "rule": "RULE",
    "select": "RULE,...",
    "ignore": "RULE,...",
    "fail_on": "LEVEL",
    "jobs": "N",
    "title": "TEXT",
    "focus": "JOURNEY/TOUCHPOINT",
    "template": "NAME",
}


def placeholder(param: click.Parameter) -> str:
    """The word that stands for the parameter's value: its metavar, else a readable default."""
    if param.metavar:
        return param.metavar
    name = param.name or "value"
    if name in PLACEHOLDERS:
        return PLACEHOLDERS[name]
    type_name = getattr(getattr(param, "type_descriptor", None), "annotation", None)
    if type_name is int:
        return "N"
    return name.replace("_", "-").upper()


def _name_params(command: click.Command) -> None:
    """Give every argument, and every option that takes a value, a readable placeholder.

    ``--format FORMAT`` in the help, and ``Missing argument 'RULE'`` in errors.
    """
    for param in command.params:
        if param.metavar is None and (isinstance(param, TyperArgument) or not getattr(param, "is_flag", True)):
            param.metavar = placeholder(param)


def _usage_piece(arg: TyperArgument) -> str:
    """``RULE`` (required), ``[FILE]`` (optional), ``[PATH]...`` (any number), ``OLD [NEW]`` (as written)."""
    word = placeholder(arg)
    if " " in word:  # a metavar that already spells out its shape
        return word
    if not arg.required:
        word = f"[{word}]"
    return word + ("..." if arg.nargs != 1 else "")


def _argument_row(arg: TyperArgument, ctx: click.Context) -> tuple[str, str] | None:
    record = arg.get_help_record(ctx)
    if record is None:
        return None
    word = placeholder(arg)
    if arg.nargs != 1 and " " not in word:
        word += "..."
    # The usage line already shows which arguments are required.
    return word, record[1].replace("  [required]", "").replace("[required]", "")


class CjmCommand(TyperCommand):
    """A command whose help names values with placeholders instead of Python types."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _name_params(self)

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument) and not param.hidden:
                pieces.append(_usage_piece(param))
        return pieces

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        args: list[tuple[str, str]] = []
        opts: list[tuple[str, str]] = []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                row = _argument_row(param, ctx)
                if row is not None:
                    args.append(row)
            else:
                record = param.get_help_record(ctx)
                if record is not None:
                    opts.append(record)
        if args:
            with formatter.section("Arguments"):
                formatter.write_dl(args)
        if opts:
            with formatter.section("Options"):
                formatter.write_dl(opts)


def summary(command: click.Command) -> str:
    """The command's first paragraph, whole: the line ``cjm --help`` shows for it."""
    text = command.short_help or command.help or ""
    return " ".join(text.split("\n\n", 1)[0].split())


def panel_of(name: str) -> str | None:
    return next((panel for panel, names in PANELS.items() if name in names), None)


class CjmGroup(TyperGroup):
    """A command group whose listing keeps every summary whole, grouped by ``rich_help_panel``."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        names = super().list_commands(ctx)
        return sorted(names, key=lambda n: _ORDER.index(n) if n in _ORDER else len(_ORDER))

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        sections: dict[str, list[tuple[str, str]]] = {}
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is None or command.hidden:
                continue
            panel = getattr(command, "rich_help_panel", None) or "Commands"
            sections.setdefault(panel, []).append((name, summary(command)))
        for panel, rows in sections.items():
            with formatter.section(panel):
                formatter.write_dl(rows)
