"""Small helpers shared by the command modules."""

from __future__ import annotations

import sys
from typing import NoReturn

import typer


def fail_usage(message: str) -> NoReturn:
    """Print a usage or environment error and exit 2."""
    from cjmkit.textsafety import printable

    sys.stderr.write(f"cjm: error: {printable(message)}\n")
    raise typer.Exit(2)


def check_choice(value: str, choices: tuple[str, ...], option: str) -> str:
    if value not in choices:
        fail_usage(f"{option} must be one of: {', '.join(choices)} (got '{value}')")
    return value
