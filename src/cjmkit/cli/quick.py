"""Commands that answer before typer is imported: ``validate`` and ``lint``.

Both run on every commit through pre-commit, so their start-up time is felt
many times a day; typer and its option machinery cost about a quarter of it.
When the arguments are the plain ones (paths and the options listed below,
written ``--opt value`` or ``--opt=value``) they are read here; anything else
(``--help``, a typo in an option) goes to typer, which owns the documented
interface and its error messages.  The typer commands call the same ``run_*``
functions, so both paths behave alike.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

_COMMON = {"--format": "format", "-f": "format", "--jobs": "jobs", "-j": "jobs"}
_VALIDATE_OPTIONS = _COMMON
_LINT_OPTIONS = {
    **_COMMON,
    "--select": "select",
    "-s": "select",
    "--ignore": "ignore",
    "-i": "ignore",
    "--fail-on": "fail_on",
}
_REPEATABLE = {"select", "ignore"}


def parse_validate_args(args: Sequence[str]) -> dict[str, Any] | None:
    """``validate``'s arguments as keyword arguments of :func:`run_validate`, or None to let typer parse them."""
    return _parse(args, _VALIDATE_OPTIONS, {"paths": [], "format": "auto", "jobs": 0})


def parse_lint_args(args: Sequence[str]) -> dict[str, Any] | None:
    """``lint``'s arguments as keyword arguments of :func:`run_lint`, or None to let typer parse them."""
    return _parse(
        args, _LINT_OPTIONS, {"paths": [], "format": "auto", "jobs": 0, "select": [], "ignore": [], "fail_on": "error"}
    )


def _parse(args: Sequence[str], options: dict[str, str], found: dict[str, Any]) -> dict[str, Any] | None:
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
            if name not in options:
                return None
            if not eq:
                i += 1
                if i >= len(args):
                    return None
                value = args[i]
            key = options[name]
            if key in _REPEATABLE:
                found[key].append(value)
            elif key == "jobs":
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


LINT_FORMATS = ("text", "json", "github", "sarif", "junit")
FAIL_ON = ("error", "warning", "info")


def run_lint(
    paths: Sequence[Path],
    format: str = "auto",
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    fail_on: str = "error",
    jobs: int = 0,
) -> int:
    """Lint, print the report, and return the exit code (0 clean, 1 findings at or above ``fail_on``, 2 usage)."""
    from cjmkit.diagnostics import Severity, output
    from cjmkit.linting import LintConfigError, SelectionError
    from cjmkit.linting import lint as run
    from cjmkit.validation import UsageError

    if format not in ("auto", *LINT_FORMATS):
        return _usage(f"--format must be one of: {', '.join(('auto', *LINT_FORMATS))} (got '{format}')")
    if fail_on not in FAIL_ON:
        return _usage(f"--fail-on must be one of: {', '.join(FAIL_ON)} (got '{fail_on}')")
    fmt = output.pick_format(format)
    threshold = Severity(fail_on)
    try:
        report = run(list(paths), select=list(select), ignore=list(ignore), jobs=jobs)
    except (UsageError, SelectionError) as err:
        return _usage(str(err))
    except LintConfigError as err:
        for d in err.diagnostics:
            sys.stderr.write(output.text_line(d) + "\n")
        return _usage("the lint configuration in cjm.yaml has problems (see above)")
    diags = report.diagnostics
    files = len(report.files)
    if files == 0 and not diags:
        return _usage("no journey files found (journey files are named *.cjm.yaml or *.cjm.yml)")
    if fmt == "json":
        output.write_json(diags, files, tool="lint")
    elif fmt == "github":
        output.write_github(diags, files, verb="linted")
    elif fmt == "sarif":
        from cjmkit import __version__
        from cjmkit.diagnostics.sarif import write_sarif
        from cjmkit.linting.docs import sarif_rules

        write_sarif(diags, sarif_rules(), version=__version__)
    elif fmt == "junit":
        from cjmkit.diagnostics.junit import write_junit

        write_junit(diags, [f.path for f in report.files], fail_on=threshold)
    else:
        output.write_text(diags, files, verb="linted")
    return 1 if report.fails(threshold) else 0


#: The commands served before typer: name -> (argument parser, runner).
QUICK_COMMANDS: dict[str, tuple[Any, Any]] = {
    "validate": (parse_validate_args, run_validate),
    "lint": (parse_lint_args, run_lint),
}


def _usage(message: str) -> int:
    sys.stderr.write(f"cjm: error: {message}\n")
    return 2
