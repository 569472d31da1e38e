"""``cjm lint``, ``cjm rules`` and ``cjm explain``."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from cjmkit.cli.app import app
from cjmkit.cli.common import fail_usage
from cjmkit.cli.options import LINT


@app.command()
def lint(
    paths: list[Path] = typer.Argument(
        None, help="Journey files or folders (folders: every *.cjm.yaml below). Default: the workspace's journeys."
    ),
    format: str = typer.Option(
        LINT["format"].default,
        *LINT["format"].flags,
        help="text, json, github, sarif, junit, or auto (github under GitHub Actions, else text).",
    ),
    select: list[str] = typer.Option(
        LINT["select"].default,
        *LINT["select"].flags,
        help="Run only these rules: names, codes or code prefixes, comma-separated.",
    ),
    ignore: list[str] = typer.Option(
        LINT["ignore"].default, *LINT["ignore"].flags, help="Leave these rules out (names or codes)."
    ),
    fail_on: str = typer.Option(
        LINT["fail_on"].default,
        *LINT["fail_on"].flags,
        help="Exit with 1 when a finding is at or above this severity: error, warning, info.",
    ),
    jobs: int = typer.Option(LINT["jobs"].default, *LINT["jobs"].flags, help="Processes to use; 0 = one per core."),
) -> None:
    """Check that journey maps are useful: owned, measured, prioritised and current.

    Validates first; invalid files are reported as by validate and not linted.
    Exit code: 0 no findings at or above --fail-on, 1 findings, 2 usage or configuration error.
    """
    # The work is in cjmkit.cli.quick, which also serves plain runs before typer is imported.
    from cjmkit.cli.quick import run_lint

    code = run_lint(paths or [], format=format, select=select or [], ignore=ignore or [], fail_on=fail_on, jobs=jobs)
    raise typer.Exit(code)


@app.command()
def rules(
    markdown: bool = typer.Option(False, "--markdown", help="Print the full rules reference (docs/rules.md)."),
) -> None:
    """List the lint rules: code, name, default severity and what each checks."""
    from cjmkit.linting.docs import default_severity, rules_markdown
    from cjmkit.linting.registry import all_rules

    if markdown:
        sys.stdout.write(rules_markdown())
        return
    known = all_rules()
    width = max(len(r.name) for r in known)
    for r in known:
        sys.stdout.write(f"{r.code}  {r.name:<{width}}  {default_severity(r):<7}  {r.summary}\n")
    sys.stdout.write(f"\n{len(known)} rules. 'cjm explain RULE' shows one in full.\n")


@app.command()
def explain(rule: str = typer.Argument(..., help="A rule name (emotion-gap) or code (L202).")) -> None:
    """Show what a lint rule checks, why it matters, and how to fix a finding."""
    from cjmkit.linting.docs import explain_text
    from cjmkit.linting.registry import find_rule, rule_keys
    from cjmkit.suggest import did_you_mean

    found = find_rule(rule)
    if found is None:
        hint = did_you_mean(rule, rule_keys())
        fail_usage(f"unknown rule '{rule}'" + (f"; {hint}" if hint else "") + " (cjm rules lists them all)")
    sys.stdout.write(explain_text(found))
