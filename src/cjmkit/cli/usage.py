"""The one way every command reports a usage error: ``cjm: error: ...`` on standard error, exit code 2.

Free of typer, so the commands served before typer is imported use it too;
:mod:`cjmkit.cli.common` wraps it for the typer commands.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

USAGE_EXIT = 2


def usage_error(message: str) -> int:
    """Print a usage or environment error (control characters shown escaped); return its exit code."""
    from cjmkit.textsafety import printable

    sys.stderr.write(f"cjm: error: {printable(message)}\n")
    return USAGE_EXIT


def choice_problem(value: str, choices: Sequence[str], option: str) -> str | None:
    """What is wrong with ``value`` for ``option`` (None when it is one of ``choices``)."""
    if value in choices:
        return None
    return f"{option} must be one of: {', '.join(choices)} (got '{value}')"
