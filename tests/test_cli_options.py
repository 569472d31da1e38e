"""The fast parser and the typer commands read one option table; a test of typer's tree keeps them equal."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer.main

from cjmkit.cli.app import app
from cjmkit.cli.options import (
    DIFF,
    DIFF_FORMATS,
    ENGINES,
    HISTORY,
    LINT,
    VALIDATE,
    VALIDATE_FORMATS,
    Option,
    OptionTable,
)
from cjmkit.cli.quick import parse_diff_args, parse_history_args, parse_lint_args, parse_validate_args
from tests.conftest import MINIMAL, Result

Cjm = Callable[..., Result]

TABLES = {"validate": VALIDATE, "lint": LINT, "diff": DIFF, "history": HISTORY}


def _typer_options(command: str) -> dict[str, Any]:
    """The options of a typer command, as click sees them (typer carries its own copy of click)."""
    found = typer.main.get_command(app).commands[command]  # type: ignore[attr-defined]
    return {p.name: p for p in found.params if p.param_type_name == "option" and p.name != "help"}


def _kind(param: Any) -> str:
    if param.is_flag:
        return "flag"
    if param.multiple:
        return "many"
    annotation = param.type_descriptor.annotation
    if annotation is int:
        return "int"
    if Path in (annotation, *getattr(annotation, "__args__", ())):
        return "path"
    return "text"


def mismatches(command: str, table: OptionTable) -> list[str]:
    """Every way the typer command's options differ from the table: names, flags, defaults, kinds."""
    typer_side = _typer_options(command)
    out = [f"{command}: typer has --{n} the table lacks" for n in typer_side.keys() - table.keys()]
    out += [f"{command}: the table has {n} typer lacks" for n in table.keys() - typer_side.keys()]
    for name in typer_side.keys() & table.keys():
        param, option = typer_side[name], table[name]
        if set(param.opts) | set(param.secondary_opts) != set(option.flags):
            out.append(f"{command} {name}: flags {param.opts} vs {option.flags}")
        default = None if param.default in ((), []) and option.kind == "many" else param.default
        if default != option.default:
            out.append(f"{command} {name}: typer's default {param.default!r} vs the table's {option.default!r}")
        if _kind(param) != option.kind:
            out.append(f"{command} {name}: typer reads a {_kind(param)} value, the table a {option.kind}")
    return out


@pytest.mark.parametrize("command", sorted(TABLES))
def test_typer_commands_declare_the_options_of_the_table(command: str) -> None:
    assert mismatches(command, TABLES[command]) == []


def test_a_default_changed_on_one_side_only_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """The drift that used to pass every test: typer's --fail-on default changed, the fast parser's not."""
    drifted = dict(LINT, fail_on=Option("fail_on", ("--fail-on",), "warning", choices=LINT["fail_on"].choices))
    assert mismatches("lint", drifted) == ["lint fail_on: typer's default 'error' vs the table's 'warning'"]
    renamed = dict(VALIDATE, jobs=Option("jobs", ("--jobs", "-J"), 0, "int"))
    assert len(mismatches("validate", renamed)) == 1


def test_the_fast_parser_starts_from_the_table_defaults() -> None:
    assert parse_validate_args([]) == {"paths": [], "format": "auto", "jobs": 0}
    lint = parse_lint_args([])
    assert lint is not None and lint["fail_on"] == LINT["fail_on"].default
    diff = parse_diff_args(["a.cjm.yaml"])
    assert diff is not None and {k: diff[k] for k in DIFF} == {
        "format": "text",
        "output": None,
        "exit_code": False,
        "fail_on": "never",
        "engine": "auto",
        "git_external": False,
    }


def test_the_fast_history_parser_reads_dates_revisions_and_flags() -> None:
    found = parse_history_args(
        ["journeys", "--since=2026-01-01", "--until", "v2", "-f", "csv", "--no-cache", "-j", "2"]
    )
    assert found == {
        "paths": [Path("journeys")],
        "since": "2026-01-01",
        "until": "v2",
        "journey": None,
        "format": "csv",
        "no_cache": True,
        "jobs": 2,
    }
    assert parse_history_args(["--help"]) is None  # typer answers


def test_choices_are_those_of_the_modules_that_implement_them() -> None:
    from cjmkit.diagnostics.output import FORMATS as DIAGNOSTIC_FORMATS
    from cjmkit.diffing.formats import FORMATS
    from cjmkit.rendering.engine import ENGINES as RENDER_ENGINES

    assert ("auto", *DIAGNOSTIC_FORMATS) == VALIDATE_FORMATS
    assert DIFF_FORMATS == FORMATS
    assert ENGINES == RENDER_ENGINES


@pytest.mark.parametrize("spelling", [["--engine", "bogus"], ["--engine=bogus"]])
def test_diff_rejects_an_unknown_engine_like_render(cjm: Cjm, write: Callable[..., Path], spelling: list[str]) -> None:
    old = write("old.cjm.yaml", MINIMAL)
    new = write("new.cjm.yaml", MINIMAL.replace("emotion: 0", "emotion: -1"))
    res = cjm("diff", "-f", "html", *spelling, str(old), str(new))
    assert res.exit_code == 2, res.stdout[:200]
    assert "--engine must be one of: auto, system, embedded (got 'bogus')" in res.stderr
    assert res.stdout == ""
    rendered = cjm("render", str(new), "--engine", "bogus")
    assert rendered.exit_code == 2 and "--engine must be one of" in rendered.stderr
