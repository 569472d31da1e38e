"""The command-line reference, ``docs/cli.md``, generated from the commands' own help.

Regenerate with ``python -m cjmkit.cli.reference > docs/cli.md``; a test fails when
the committed file is out of date, so the reference never drifts from the code.
"""

from __future__ import annotations

import sys
from typing import Any

import typer.main

from cjmkit.cli.app import app

HEADER = """\
# Command-line reference

Every `cjm` command with its options, as printed by `cjm COMMAND --help`.
Exit codes everywhere: `0` all good, `1` problems found, `2` usage or environment error.
"""


def _commands(cmd: Any, path: list[str]) -> list[tuple[list[str], Any]]:
    """The command and its sub-commands, depth first, in the order --help lists them."""
    out = [(path, cmd)]
    if hasattr(cmd, "list_commands"):
        ctx = cmd.context_class(cmd)
        for name in cmd.list_commands(ctx):
            sub = cmd.get_command(ctx, name)
            if sub is not None and not getattr(sub, "hidden", False):
                out.extend(_commands(sub, [*path, name]))
    return out


def cli_reference_markdown() -> str:
    root = typer.main.get_command(app)
    parts = [HEADER]
    for path, cmd in _commands(root, []):
        if not path:
            continue
        name = " ".join(["cjm", *path])
        ctx = cmd.context_class(cmd, info_name=name, terminal_width=100, max_content_width=100)
        help_text = cmd.get_help(ctx).rstrip()
        parts.append(f"## `{name}`\n\n```text\n{help_text}\n```\n")
    return "\n".join(parts)


if __name__ == "__main__":
    sys.stdout.write(cli_reference_markdown())
