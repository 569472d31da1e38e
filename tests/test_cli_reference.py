"""docs/cli.md is generated from the commands' help and must match the code."""

from __future__ import annotations

from cjmkit.cli.reference import cli_reference_markdown
from tests.conftest import REPO, run_cli


def test_cli_reference_is_up_to_date() -> None:
    committed = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert committed == cli_reference_markdown(), "run: python -m cjmkit.cli.reference > docs/cli.md"


def test_every_command_is_documented_and_has_help() -> None:
    text = cli_reference_markdown()
    listing = run_cli("--help").stdout
    commands = [
        line.split()[0]
        for line in listing.split("Commands:", 1)[1].splitlines()
        if line.startswith("  ") and line.split()
    ]
    assert {"validate", "lint", "render", "diff", "fmt", "stats"} <= set(commands)
    for name in commands:
        assert f"## `cjm {name}" in text, name
        res = run_cli(name, "--help")
        assert res.exit_code == 0 and "Usage: cjm" in res.stdout, name
