"""Small helpers shared by the command modules."""

from __future__ import annotations

from typing import NoReturn

import typer

from cjmkit.cli.usage import choice_problem, usage_error


def fail_usage(message: str) -> NoReturn:
    """Print a usage or environment error and exit 2."""
    raise typer.Exit(usage_error(message))


def check_choice(value: str, choices: tuple[str, ...], option: str) -> str:
    """``value`` when it is one of ``choices``; else a usage error naming ``option``."""
    if problem := choice_problem(value, choices, option):
        fail_usage(problem)
    return value
