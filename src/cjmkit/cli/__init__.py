"""Command-line entry point."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run ``cjm``. ``--version`` and plain ``validate`` and ``lint`` runs answer before typer is imported."""
    try:
        _run(sys.argv[1:] if argv is None else argv)
    except BrokenPipeError:
        # The reader went away (`cjm lint | head`): stop quietly, with no traceback and
        # no second error when Python flushes standard output on exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(2)


def _run(args: list[str]) -> None:
    if args in (["--version"], ["-V"]):
        from cjmkit import __version__

        sys.stdout.write(f"cjm {__version__}\n")
        return
    # cjm uses no Pydantic plugins; looking them up scans every installed package's
    # metadata, which costs start-up time on every run.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if args[:1] in (["validate"], ["lint"]):
        from cjmkit.cli.quick import QUICK_COMMANDS

        parse, run = QUICK_COMMANDS[args[0]]
        options = parse(args[1:])
        if options is not None:
            sys.exit(run(**options))
    from cjmkit.cli.app import app

    app(args=args, prog_name="cjm")
