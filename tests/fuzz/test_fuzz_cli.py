"""The commands themselves on fuzzed files: exit code 0, 1 or 2 and never a traceback.

Run in-process (typer's runner) for speed, plus the seed corpus as real processes.
"""

from __future__ import annotations

import tempfile
import traceback
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cjmkit.cli.app import app
from tests.conftest import run_cli
from tests.fuzz.profiles import scaled
from tests.fuzz.strategies import raw_bytes, yaml_texts

CORPUS = Path(__file__).parent / "corpus"

COMMANDS: list[list[str]] = [
    ["validate", "{f}"],
    ["validate", "--format", "json", "{f}"],
    ["lint", "--jobs", "1", "--format", "sarif", "{f}"],
    ["lint", "--jobs", "1", "--format", "junit", "{f}"],
    ["render", "-f", "mermaid", "{f}"],
    ["render", "-f", "markdown", "{f}"],
    ["render", "-f", "dot", "--view", "blueprint", "{f}"],
    ["render", "-f", "html", "-o", "{d}/out.html"],
    ["diff", "--format", "json", "{f}", "{f}"],
    ["fmt", "--check", "{f}"],
    ["stats", "--format", "json", "{f}"],
    ["plan", "--format", "json", "{f}"],
    ["plan", "--format", "jira-csv", "{f}"],
    ["export", "csv", "{f}"],
]


def run_in_process(args: list[str]) -> tuple[int, str]:
    result = CliRunner().invoke(app, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        detail = "".join(traceback.format_exception(result.exception))
        raise AssertionError(f"cjm {' '.join(args)} raised:\n{detail}")
    return result.exit_code, result.output + (result.stderr or "")


def check_every_command(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "map.cjm.yaml"
        path.write_bytes(content)
        for template in COMMANDS:
            args = [a.format(f=path, d=tmp) for a in template]
            if args[0] == "render" and "-o" in args:
                args.insert(1, str(path))
            code, output = run_in_process(args)
            assert code in (0, 1, 2), (args, code, output[-500:])
            assert "Traceback" not in output, (args, output[-2000:])
        assert path.read_bytes() == content, "a read-only command changed the file"


@scaled(3)
@given(st.one_of(yaml_texts().map(lambda t: t.encode("utf-8")), raw_bytes()))
def test_every_command_exits_cleanly_on_any_file(content: bytes) -> None:
    check_every_command(content)


@pytest.mark.parametrize("case", sorted(CORPUS.iterdir()), ids=lambda p: p.name)
def test_seed_corpus_in_process(case: Path) -> None:
    """Every file that once crashed cjm: each command now answers with a diagnostic."""
    check_every_command(case.read_bytes())


@pytest.mark.parametrize("case", sorted(CORPUS.iterdir()), ids=lambda p: p.name)
def test_seed_corpus_as_a_real_process(case: Path, tmp_path: Path) -> None:
    target = tmp_path / "map.cjm.yaml"
    target.write_bytes(case.read_bytes())
    result = run_cli("validate", str(target), cwd=tmp_path)
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr
    assert "map.cjm.yaml:" in result.stdout + result.stderr
