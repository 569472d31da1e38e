"""Commands that answer before typer is imported: ``validate``, ``lint``, ``diff`` and ``history``.

They run on every commit through pre-commit, and ``diff`` once per changed file
when git uses it as an external diff, so their start-up time is felt many times
a day; typer and its option machinery cost about a quarter of it.
When the arguments are the plain ones (paths and the options declared in
:mod:`cjmkit.cli.options`, written ``--opt value`` or ``--opt=value``) they are read here; anything else
(``--help``, a typo in an option) goes to typer, which owns the documented
interface and its error messages.  The typer commands call the same ``run_*``
functions, so both paths behave alike.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cjmkit.cli.options import DIFF, HISTORY, LINT, VALIDATE, OptionTable, choice_problem_of, defaults
from cjmkit.cli.usage import usage_error


def parse_validate_args(args: Sequence[str]) -> dict[str, Any] | None:
    """``validate``'s arguments as keyword arguments of :func:`run_validate`, or None to let typer parse them."""
    return _parse(args, VALIDATE)


def parse_lint_args(args: Sequence[str]) -> dict[str, Any] | None:
    """``lint``'s arguments as keyword arguments of :func:`run_lint`, or None to let typer parse them."""
    return _parse(args, LINT)


def parse_diff_args(args: Sequence[str]) -> dict[str, Any] | None:
    """``diff``'s arguments as keyword arguments of :func:`run_diff`, or None to let typer parse them."""
    found = _parse(args, DIFF)
    if found is None or not found["paths"]:
        return None  # typer reports the missing argument
    found["args"] = [str(p) for p in found.pop("paths")]
    return found


def parse_history_args(args: Sequence[str]) -> dict[str, Any] | None:
    """``history``'s arguments as keyword arguments of :func:`run_history`, or None to let typer parse them."""
    return _parse(args, HISTORY)


def _parse(args: Sequence[str], table: OptionTable) -> dict[str, Any] | None:
    """The plain spellings only (``--opt value``, ``--opt=value``, ``-o value``, flags, paths); else None."""
    by_flag = {flag: option for option in table.values() for flag in option.flags}
    found: dict[str, Any] = {"paths": [], **defaults(table)}
    i = 0
    only_paths = False
    while i < len(args):
        arg = args[i]
        if only_paths or not arg.startswith("-") or arg == "-":
            found["paths"].append(Path(arg))
        elif arg == "--":
            only_paths = True
        elif arg in by_flag and by_flag[arg].kind == "flag":
            found[by_flag[arg].name] = True
        else:
            name, eq, value = arg.partition("=")
            option = by_flag.get(name)
            if option is None or option.kind == "flag":
                return None
            if not eq:
                i += 1
                if i >= len(args):
                    return None
                value = args[i]
            if option.kind == "many":
                found[option.name].append(value)
            elif option.kind == "int":
                try:
                    found[option.name] = int(value)
                except ValueError:
                    return None
            elif option.kind == "path":
                found[option.name] = Path(value)
            else:
                found[option.name] = value
        i += 1
    return found


def run_validate(paths: Sequence[Path], format: str = "auto", jobs: int = 0) -> int:
    """Validate, print the report, and return the exit code (0 valid, 1 problems, 2 usage error)."""
    from cjmkit.diagnostics import output
    from cjmkit.errors import UsageError
    from cjmkit.validation import validate as run

    if problem := choice_problem_of(VALIDATE, {"format": format}):
        return usage_error(problem)
    fmt = output.pick_format(format)
    try:
        report = run(list(paths), jobs=jobs)
    except UsageError as err:
        return usage_error(str(err))
    diags = report.diagnostics
    files = len(report.results)
    if fmt == "json":
        output.write_json(diags, files)
    elif fmt == "github":
        output.write_github(diags, files)
    else:
        output.write_text(diags, files)
    return 0 if report.ok else 1


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
    from cjmkit.errors import LintConfigError, SelectionError, UsageError
    from cjmkit.history.timeline import timelines
    from cjmkit.linting import lint as run

    if problem := choice_problem_of(LINT, {"format": format, "fail_on": fail_on}):
        return usage_error(problem)
    fmt = output.pick_format(format)
    threshold = Severity(fail_on)
    try:
        past = functools.partial(timelines, jobs=jobs)  # `-j 1` holds for the history too
        report = run(list(paths), select=list(select), ignore=list(ignore), jobs=jobs, timelines=past)
    except (UsageError, SelectionError) as err:
        return usage_error(str(err))
    except LintConfigError as err:
        for d in err.diagnostics:
            sys.stderr.write(output.text_line(d) + "\n")
        return usage_error("the lint configuration in cjm.yaml has problems (see above)")
    diags = report.diagnostics
    files = len(report.files)
    if fmt == "json":
        output.write_json(diags, files, tool="lint")
    elif fmt == "github":
        output.write_github(diags, files, verb="linted")
    elif fmt == "sarif":
        from cjmkit import __version__
        from cjmkit.diagnostics.sarif import source_root, write_sarif
        from cjmkit.linting.docs import sarif_rules
        from cjmkit.workspace import find_workspace_root

        root = source_root(workspace_root=find_workspace_root())
        write_sarif(diags, sarif_rules(), version=__version__, root=root)
    elif fmt == "junit":
        from cjmkit.diagnostics.junit import write_junit

        write_junit(diags, [f.path for f in report.files], fail_on=threshold)
    else:
        output.write_text(diags, files, verb="linted")
    return 1 if report.fails(threshold) else 0


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
    from cjmkit.errors import UsageError

    if problem := choice_problem_of(DIFF, {"format": format, "fail_on": fail_on, "engine": engine}):
        return usage_error(problem)
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
        return usage_error(str(err))
    except BrokenPipeError:
        raise  # the reader (head, less) stopped early: cjm's main ends quietly
    except OSError as err:
        return usage_error(f"{output}: cannot write the file ({err.strerror})")
    if git_external:
        return 0  # git stops at the first external diff that exits non-zero
    if report.has_invalid:
        return 1
    if exit_code and report.has_changes:
        return 1
    if fail_on == "regression" and report.has_regressions:
        return 1
    return 0


def run_history(
    paths: Sequence[Path],
    since: str | None = None,
    until: str | None = None,
    journey: str | None = None,
    format: str = "text",
    no_cache: bool = False,
    jobs: int = 0,
) -> int:
    """Write the history of the journeys in ``paths``; 0 done, 2 usage or git error."""
    from cjmkit.errors import UsageError

    if problem := choice_problem_of(HISTORY, {"format": format}):
        return usage_error(problem)
    from cjmkit.history.formats import to_csv, to_json, to_text
    from cjmkit.history.series import journey_history
    from cjmkit.history.versions import FactsCache

    try:
        result = journey_history(
            list(paths),
            since=since,
            until=until,
            journey=journey,
            cache=FactsCache(enabled=not no_cache),
            jobs=jobs,
        )
    except UsageError as err:
        return usage_error(str(err))
    if result.shallow:
        first = result.commits[0].date.date().isoformat() if result.commits else "the clone's first commit"
        sys.stderr.write(f"Note: this is a shallow clone; history goes back only to {first} (git fetch --unshallow).\n")
    writer = {"json": to_json, "csv": to_csv}.get(format, to_text)
    sys.stdout.write(writer(result))
    return 0


#: The commands served before typer: name -> (argument parser, runner).
QUICK_COMMANDS: dict[str, tuple[Any, Any]] = {
    "validate": (parse_validate_args, run_validate),
    "lint": (parse_lint_args, run_lint),
    "diff": (parse_diff_args, run_diff),
    "history": (parse_history_args, run_history),
}
