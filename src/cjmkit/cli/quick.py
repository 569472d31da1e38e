"""Commands that answer before typer is imported.

``cjm validate`` runs on every commit through pre-commit, so its start-up time
is felt many times a day; typer and its option machinery cost about a quarter
of it.  When the arguments are the simple ones (paths, ``--format``, ``--jobs``)
they are read here; anything else (``--help``, a typo in an option) goes to
typer, which owns the documented interface and its error messages.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

_VALIDATE_OPTIONS = {"--format": "format", "-f": "format", "--jobs": "jobs", "-j": "jobs"}


def parse_validate_args(args: Sequence[str]) -> dict[str, Any] | None:
    """``validate``'s arguments as keyword arguments of :func:`run_validate`, or None to let typer parse them."""
    found: dict[str, Any] = {"paths": [], "format": "auto", "jobs": 0}
    i = 0
    only_paths = False
    while i < len(args):
        arg = args[i]
        if only_paths or not arg.startswith("-") or arg == "-":
            found["paths"].append(Path(arg))
        elif arg == "--":
            only_paths = True
        else:
            name, eq, value = arg.partition("=")
            if name not in _VALIDATE_OPTIONS:
                return None
            if not eq:
                i += 1
                if i >= len(args):
                    return None
                value = args[i]
            key = _VALIDATE_OPTIONS[name]
            if key == "jobs":
                try:
                    found[key] = int(value)
                except ValueError:
                    return None
            else:
                found[key] = value
        i += 1
    return found


def run_validate(paths: Sequence[Path], format: str = "auto", jobs: int = 0) -> int:
    """Validate, print the report, and return the exit code (0 valid, 1 problems, 2 usage error)."""
    from cjmkit.diagnostics import output
    from cjmkit.validation import UsageError
    from cjmkit.validation import validate as run

    if format not in ("auto", *output.FORMATS):
        return _usage(f"--format must be one of: {', '.join(('auto', *output.FORMATS))} (got '{format}')")
    fmt = output.pick_format(format)
    try:
        report = run(list(paths), jobs=jobs)
    except UsageError as err:
        return _usage(str(err))
    diags = report.diagnostics
    files = len(report.results)
    if files == 0 and not diags:
        return _usage("no journey files found (journey files are named *.cjm.yaml or *.cjm.yml)")
    if fmt == "json":
        output.write_json(diags, files)
    elif fmt == "github":
        output.write_github(diags, files)
    else:
        output.write_text(diags, files)
    return 0 if report.ok else 1


def _usage(message: str) -> int:
    sys.stderr.write(f"cjm: error: {message}\n")
    return 2
