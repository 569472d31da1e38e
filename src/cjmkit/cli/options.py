"""The options of ``validate``, ``lint``, ``diff`` and ``history``, declared once.

Both ways into these commands read this table: the fast parser in
:mod:`cjmkit.cli.quick` (used before typer is imported) and the typer commands,
which take each option's flags and default from here.  A test walks typer's
command tree and checks it against the table, so the two cannot drift apart.
Choices are checked by the shared ``run_*`` functions, whichever way the
arguments came in.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Kind = Literal["text", "int", "path", "many", "flag"]
Value = str | int | bool | Path | list[str] | None


@dataclass(frozen=True)
class Option:
    """One command-line option: its parameter name, flags, default, kind of value and allowed values."""

    name: str
    flags: tuple[str, ...]
    default: str | int | bool | None
    kind: Kind = "text"
    choices: tuple[str, ...] = ()

    @property
    def flag(self) -> str:
        """The long flag, as messages name the option."""
        return self.flags[0]


OptionTable = dict[str, Option]


def _table(*options: Option) -> OptionTable:
    return {o.name: o for o in options}


#: Output formats of ``validate`` (and the first three of ``lint``); "auto" picks github under GitHub Actions.
VALIDATE_FORMATS = ("auto", "text", "json", "github")
LINT_FORMATS = (*VALIDATE_FORMATS, "sarif", "junit")
LINT_FAIL_ON = ("error", "warning", "info")
DIFF_FORMATS = ("text", "markdown", "json", "html")
DIFF_FAIL_ON = ("regression", "never")
ENGINES = ("auto", "system", "embedded")
HISTORY_FORMATS = ("text", "json", "csv")

_JOBS = Option("jobs", ("--jobs", "-j"), 0, "int")

VALIDATE: OptionTable = _table(
    Option("format", ("--format", "-f"), "auto", choices=VALIDATE_FORMATS),
    _JOBS,
)

LINT: OptionTable = _table(
    Option("format", ("--format", "-f"), "auto", choices=LINT_FORMATS),
    Option("select", ("--select", "-s"), None, "many"),
    Option("ignore", ("--ignore", "-i"), None, "many"),
    Option("fail_on", ("--fail-on",), "error", choices=LINT_FAIL_ON),
    _JOBS,
)

DIFF: OptionTable = _table(
    Option("format", ("--format", "-f"), "text", choices=DIFF_FORMATS),
    Option("output", ("--output", "-o"), None, "path"),
    Option("exit_code", ("--exit-code",), False, "flag"),
    Option("fail_on", ("--fail-on",), "never", choices=DIFF_FAIL_ON),
    Option("engine", ("--engine",), "auto", choices=ENGINES),
    Option("git_external", ("--git-external",), False, "flag"),
)


HISTORY: OptionTable = _table(
    Option("since", ("--since",), None),
    Option("until", ("--until",), None),
    Option("journey", ("--journey",), None),
    Option("format", ("--format", "-f"), "text", choices=HISTORY_FORMATS),
    Option("no_cache", ("--no-cache",), False, "flag"),
    _JOBS,
)


def defaults(table: OptionTable) -> dict[str, Value]:
    """Every option at its default (a repeatable option as an empty list)."""
    return {o.name: [] if o.kind == "many" else o.default for o in table.values()}


def choice_problem_of(table: OptionTable, values: dict[str, object]) -> str | None:
    """The first option whose value is not one of its choices, as a message (None: all fine)."""
    from cjmkit.cli.usage import choice_problem

    for option in table.values():
        if option.choices:
            problem = choice_problem(str(values[option.name]), option.choices, option.flag)
            if problem:
                return problem
    return None
