"""Commands that answer before typer is imported: ``validate``, ``lint`` and ``diff``.

They run on every commit through pre-commit, and ``diff`` once per changed file
when git uses it as an external diff, so their start-up time is felt many times
a day; typer and its option machinery cost about a quarter of it.
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
_DIFF_OPTIONS = {
    "--format": "format",
    "-f": "format",
    "--output": "output",
    "-o": "output",
    "--fail-on": "fail_on",
    "--engine": "engine",
}
_DIFF_FLAGS = {"--exit-code": "exit_code", "--git-external": "git_external"}
_REPEATABLE = {"select", "ignore"}


def parse_validate_args(args: Sequence[str]) -> dict[str, Any] | None:
    """``validate``'s arguments as keyword arguments of :func:`run_validate`, or None to let typer parse them."""
    return _parse(args, _VALIDATE_OPTIONS, {"paths": [], "format": "auto", "jobs": 0})


def parse_lint_args(args: Sequence[str]) -> dict[str, Any] | None:
    """``lint``'s arguments as keyword arguments of :func:`run_lint`, or None to let typer parse them."""
    return _parse(
        args, _LINT_OPTIONS, {"paths": [], "format": "auto", "jobs": 0, "select": [], "ignore": [], "fail_on": "error"}
    )


def parse_diff_args(args: Sequence[str]) -> dict[str, Any] | None:
    """``diff``'s arguments as keyword arguments of :func:`run_diff`, or None to let typer parse them."""
    found = _parse(
        args,
        _DIFF_OPTIONS,
        {
            "paths": [],
            "format": "text",
            "output": None,
            "exit_code": False,
            "fail_on": "never",
            "engine": "auto",
            "git_external": False,
        },
        flags=_DIFF_FLAGS,
    )
    if found is None or not found["paths"]:
        return None  # typer reports the missing argument
    found["args"] = [str(p) for p in found.pop("paths")]
    return found


def _parse(
    args: Sequence[str], options: dict[str, str], found: dict[str, Any], flags: dict[str, str] | None = None
) -> dict[str, Any] | None:
    i = 0
    only_paths = False
    while i < len(args):
        arg = args[i]
        if only_paths or not arg.startswith("-") or arg == "-":
            found["paths"].append(Path(arg))
        elif arg == "--":
            only_paths = True
        elif flags and arg in flags:
            found[flags[arg]] = True
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
            elif key == "output":
                found[key] = Path(value)
            else:
                found[key] = value
        i += 1
    return found


def run_validate(paths: Sequence[Path], format: str = "auto", jobs: int = 0) -> int:
    """Validate, print the report, and return the exit code (0 valid, 1 problems, 2 usage error)."""
    from cjmkit.diagnostics import output
    from cjmkit.validation import UsageError
    from cjmkit.validation import validate as run

    if problem := _not_one_of(format, ("auto", *output.FORMATS), "--format"):
        return problem
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

    if problem := _not_one_of(format, ("auto", *LINT_FORMATS), "--format") or _not_one_of(
        fail_on, FAIL_ON, "--fail-on"
    ):
        return problem
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


DIFF_FAIL_ON = ("regression", "never")


def run_diff(
    args: Sequence[str],
    format: str = "text",
    output: Path | None = None,
    exit_code: bool = False,
    fail_on: str = "never",
    engine: str = "auto",
    git_external: bool = False,
) -> int:
    """Compare, write the report, and return the exit code (0 compared, 1 invalid side or --exit-code /
    --fail-on met, 2 usage or git error)."""
    from cjmkit.diffing.formats import FORMATS
    from cjmkit.validation import UsageError

    if problem := _not_one_of(format, FORMATS, "--format") or _not_one_of(fail_on, DIFF_FAIL_ON, "--fail-on"):
        return problem
    from cjmkit.diffing.arguments import diff_arguments
    from cjmkit.diffing.formats import write_report

    try:
        report = diff_arguments(list(args), git_external)
        if output is None:
            write_report(report, format, sys.stdout, engine, overall=not git_external)
        else:
            import io

            from cjmkit.fileio import write_atomic

            buffer = io.StringIO()
            write_report(report, format, buffer, engine, overall=not git_external)
            write_atomic(output, buffer.getvalue())
    except UsageError as err:
        return _usage(str(err))
    except BrokenPipeError:
        raise  # the reader (head, less) stopped early: cjm's main ends quietly
    except OSError as err:
        return _usage(f"{output}: cannot write the file ({err.strerror})")
    if git_external:
        return 0  # git stops at the first external diff that exits non-zero
    if report.has_invalid:
        return 1
    if exit_code and report.has_changes:
        return 1
    if fail_on == "regression" and report.has_regressions:
        return 1
    return 0


#: The commands served before typer: name -> (argument parser, runner).
QUICK_COMMANDS: dict[str, tuple[Any, Any]] = {
    "validate": (parse_validate_args, run_validate),
    "lint": (parse_lint_args, run_lint),
    "diff": (parse_diff_args, run_diff),
}


def _not_one_of(value: str, choices: Sequence[str], option: str) -> int | None:
    """None when ``value`` is one of ``choices``; else the usage error's exit code, the message printed."""
    if value in choices:
        return None
    return _usage(f"{option} must be one of: {', '.join(choices)} (got '{value}')")


def _usage(message: str) -> int:
    from cjmkit.textsafety import printable

    sys.stderr.write(f"cjm: error: {printable(message)}\n")
    return 2
