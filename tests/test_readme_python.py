"""Every Python example in the README's "From Python" section runs as written, from the repository's root."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def python_examples() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("### From Python\n", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def test_the_section_shows_each_function_of_the_api() -> None:
    text = "\n".join(python_examples())
    for name in ("load", "validate", "lint", "render", "diff", "plan", "journey_history"):
        assert f"cjmkit.{name}(" in text


@pytest.mark.parametrize("code", python_examples(), ids=lambda code: code.splitlines()[2][:40])
def test_readme_example_runs(code: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(REPO)
    exec(compile(code, "README.md", "exec"), {})
    assert capsys.readouterr().out.strip() or "print(" not in code


def test_the_public_functions_are_typed_without_any() -> None:
    import cjmkit

    for name in ("load", "validate", "lint", "render", "diff", "plan", "journey_history"):
        annotations = getattr(cjmkit, name).__annotations__
        assert "return" in annotations, name
        assert not [a for a in annotations.values() if "Any" in str(a)], name
    assert "Any" not in str(cjmkit.InvalidJourney.__init__.__annotations__)
