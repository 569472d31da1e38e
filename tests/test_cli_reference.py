"""docs/cli.md is what the program prints for --help, and --help reads well."""

from __future__ import annotations

import re
from functools import cache

import pytest

from cjmkit.cli.helptext import PANELS
from cjmkit.cli.reference import COLUMNS, cli_reference_markdown, command_paths
from tests.conftest import REPO, run_cli


@cache
def generated() -> str:
    return cli_reference_markdown()


def documented(command: str) -> str:
    """The ```text block of ``## `command` `` in docs/cli.md, with its final newline."""
    text = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    match = re.search(rf"^## `{re.escape(command)}`\n\n```text\n(.*?)```\n", text, re.S | re.M)
    assert match, f"{command} is not in docs/cli.md"
    return match.group(1)


def test_cli_reference_is_up_to_date() -> None:
    committed = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert committed == generated(), "run: python -m cjmkit.cli.reference > docs/cli.md"


@pytest.mark.parametrize("args", [(), ("lint",), ("diff",), ("export", "csv")], ids=lambda a: " ".join(a) or "cjm")
def test_the_reference_shows_exactly_what_the_program_prints(args: tuple[str, ...]) -> None:
    printed = run_cli(*args, "--help", env={"COLUMNS": str(COLUMNS)})
    assert printed.exit_code == 0, printed.stderr
    assert documented(" ".join(["cjm", *args])) == printed.stdout


def test_every_command_is_documented_and_in_a_section_of_the_listing() -> None:
    paths = command_paths()
    top = [p[0] for p in paths if len(p) == 1]
    assert sorted(top) == sorted(name for names in PANELS.values() for name in names)
    listing = documented("cjm")
    for panel, names in PANELS.items():
        block = listing.split(f"\n{panel}:\n", 1)[1].split("\n\n", 1)[0]
        assert [line.split()[0] for line in block.splitlines() if line[2:3].strip()] == list(names), panel
    for path in paths[1:]:
        assert "-h, --help" in documented(" ".join(["cjm", *path]))


def test_help_has_whole_summaries_and_readable_placeholders() -> None:
    text = generated()
    listing = documented("cjm")
    assert "..." not in listing.split("Checking:", 1)[1], "a summary was cut short"
    assert not re.search(r"<(str|int|path|list\[\w+\])>", text, re.I), "a placeholder names a Python type"
    assert "{" not in "".join(line for line in text.splitlines() if line.startswith("Usage:"))
    assert "Usage: cjm lint [OPTIONS] [PATH]..." in text
    assert "Usage: cjm explain [OPTIONS] RULE" in text
    assert "Usage: cjm diff [OPTIONS] OLD [NEW]" in text
    assert "-j, --jobs N" in text and "-o, --output FILE" in text and "-s, --select RULE,..." in text
    assert "(default)" not in text, "a default is said twice"


def test_errors_name_arguments_by_their_placeholder() -> None:
    missing = run_cli("explain")
    assert missing.exit_code == 2
    assert "Missing argument 'RULE'" in missing.stderr
