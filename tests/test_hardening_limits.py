"""Limits: an oversized, over-deep or alias-bombed file is refused with a clear message, not a crash."""

from __future__ import annotations

from pathlib import Path

from cjmkit.loader.yaml import MAX_ALIAS_EXPANSION, MAX_DEPTH, MAX_FILE_BYTES
from tests.conftest import run_cli


def _validate(tmp_path: Path, name: str, content: bytes | None = None) -> tuple[int, str]:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = run_cli("validate", name, cwd=tmp_path)
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout + result.stderr


def test_a_file_over_the_size_limit_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.cjm.yaml"
    with path.open("wb") as handle:  # sparse: costs no disk, and cjm must not read it to refuse it
        handle.truncate(MAX_FILE_BYTES + 1)
    code, out = _validate(tmp_path, "huge.cjm.yaml")
    assert code == 1 and "huge.cjm.yaml" in out and "MB" in out and "split" in out


def test_an_alias_bomb_stops_with_a_clear_message(tmp_path: Path) -> None:
    lines = ["cjm: 1", "a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    code, out = _validate(tmp_path, "bomb.cjm.yaml", "\n".join(lines).encode())
    assert code == 1 and f"{MAX_ALIAS_EXPANSION:,}" in out and "bomb.cjm.yaml:" in out


def test_runaway_nesting_stops_with_a_clear_message(tmp_path: Path) -> None:
    text = "cjm: 1\nx: " + "[" * (MAX_DEPTH * 20) + "]" * (MAX_DEPTH * 20) + "\n"
    code, out = _validate(tmp_path, "deep.cjm.yaml", text.encode())
    assert code == 1 and "levels deep" in out


def test_a_huge_number_in_a_rating_is_a_range_error_not_a_crash(tmp_path: Path) -> None:
    body = (
        "cjm: 1\nid: j\ntitle: T\nstages:\n  - id: s\n    name: S\n    touchpoints:\n"
        f"      - id: t\n        name: N\n        emotion: {10**400}\n        importance: {{customer: 1e999}}\n"
    )
    code, out = _validate(tmp_path, "big.cjm.yaml", body.encode())
    assert code == 1 and "emotion" in out and "importance" in out
