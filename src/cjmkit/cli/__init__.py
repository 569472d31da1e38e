"""Command-line entry point."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    """Run ``cjm``. ``--version`` and plain ``validate`` runs answer before typer is imported."""
    args = sys.argv[1:] if argv is None else argv
    if args in (["--version"], ["-V"]):
        from cjmkit import __version__

        sys.stdout.write(f"cjm {__version__}\n")
        return
    # cjm uses no Pydantic plugins; looking them up scans every installed package's
    # metadata, which costs start-up time on every run.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if args[:1] == ["validate"]:
        from cjmkit.cli.quick import parse_validate_args, run_validate

        options = parse_validate_args(args[1:])
        if options is not None:
            sys.exit(run_validate(**options))
    from cjmkit.cli.app import app

    app(args=args, prog_name="cjm")
