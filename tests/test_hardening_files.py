"""Files: outputs replace old ones atomically, failures are clear errors, discovery stays inside the workspace."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cjmkit.cli.app import app
from cjmkit.rendering.site import slug_file
from cjmkit.validation import collect_files
from cjmkit.validation.workspace_file import load_workspace
from cjmkit.workspace import journeys_below
from tests.conftest import EXAMPLES, run_cli

TOUR = "journeys/tour-booking.cjm.yaml"


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(EXAMPLES, root)
    monkeypatch.chdir(root)
    return root


def invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output + (result.stderr or "")


def _reader_keeps_old_copy(path: Path, rewrite: list[str]) -> None:
    """Someone has ``path`` open (a browser, an editor); rewriting it must not change what they are reading."""
    path.write_text("previous version\n", encoding="utf-8")
    with path.open(encoding="utf-8") as reader:
        code, out = invoke(*rewrite)
        assert code == 0, out
        assert reader.read() == "previous version\n"
    assert path.read_text(encoding="utf-8") != "previous version\n"


def test_render_output_replaces_the_old_file_atomically(workspace: Path) -> None:
    _reader_keeps_old_copy(workspace / "map.md", ["render", TOUR, "-o", "map.md"])


def test_render_binary_output_is_written_whole(workspace: Path) -> None:
    code, out = invoke("render", TOUR, "-o", "out/map.png")
    assert code == 0, out
    assert (workspace / "out" / "map.png").read_bytes().startswith(b"\x89PNG")


def test_site_pages_replace_old_ones_atomically(workspace: Path) -> None:
    (workspace / "site").mkdir()
    _reader_keeps_old_copy(workspace / "site" / "index.html", ["render", "--site", "site"])


def test_diff_output_file_replaces_the_old_one_atomically(workspace: Path) -> None:
    _reader_keeps_old_copy(workspace / "diff.md", ["diff", "--format", "markdown", TOUR, TOUR, "-o", "diff.md"])


def test_fmt_that_cannot_write_is_a_clear_error_and_the_file_is_intact(
    workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = workspace / TOUR
    messy = path.read_text(encoding="utf-8").replace("\ntitle:", "\ntitle:   ", 1)
    path.write_text(messy, encoding="utf-8")

    def refuse(*_args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("cjmkit.fileio.os.replace", refuse)
    code, out = invoke("fmt", TOUR)
    assert code == 2
    assert "cannot write" in out and "tour-booking.cjm.yaml" in out and "Permission denied" in out
    assert path.read_text(encoding="utf-8") == messy
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")], "a temporary file was left behind"


def test_kpi_update_that_cannot_write_is_a_clear_error(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = (workspace / TOUR).read_text(encoding="utf-8")
    metrics = workspace / "metrics.csv"
    metrics.write_text("journey,kpi,value,date\ntour-booking,search-to-booking,14,2026-05-01\n", encoding="utf-8")

    def refuse(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("cjmkit.fileio.os.replace", refuse)
    code, out = invoke("kpi", "update", TOUR, "--from", "metrics.csv")
    assert code == 2 and "No space left on device" in out
    assert (workspace / TOUR).read_text(encoding="utf-8") == before


def test_render_into_a_missing_folder_creates_it(workspace: Path) -> None:
    code, out = invoke("render", TOUR, "-o", "new/deeper/map.mmd")
    assert code == 0, out
    assert (workspace / "new" / "deeper" / "map.mmd").read_text(encoding="utf-8").startswith("journey")


@pytest.mark.parametrize(
    "args",
    [
        ["render", TOUR, "-o", "blocker/map.svg"],
        ["render", "--site", "blocker/site"],
        ["diff", TOUR, TOUR, "-o", "blocker/d.txt"],
    ],
)
def test_an_output_folder_that_cannot_be_made_is_a_clear_error(workspace: Path, args: list[str]) -> None:
    (workspace / "blocker").write_text("a file where a folder is expected\n", encoding="utf-8")
    result = run_cli(*args, cwd=workspace)
    assert result.exit_code == 2, result.stderr
    assert "blocker" in result.stderr and "Traceback" not in result.stderr


def test_read_only_output_folder_is_a_clear_error(workspace: Path) -> None:
    # /proc refuses new files even to root (CI runs as root, where a chmod'ed folder is still writable).
    result = run_cli("render", TOUR, "-o", "/proc/map.svg", cwd=workspace)
    assert result.exit_code == 2, result.stderr
    assert "Traceback" not in result.stderr and "/proc" in result.stderr


def test_symlinked_journey_outside_the_workspace_is_not_discovered(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    shutil.copytree(EXAMPLES, root)
    secret = tmp_path / "elsewhere" / "private.cjm.yaml"
    secret.parent.mkdir()
    shutil.copy(EXAMPLES / TOUR, secret)
    (root / "journeys" / "linked.cjm.yaml").symlink_to(secret)
    (root / "journeys" / "linked-dir").symlink_to(secret.parent, target_is_directory=True)
    inside = root / "journeys" / "alias.cjm.yaml"
    inside.symlink_to(root / TOUR)

    below = [p.name for p in journeys_below(root)]
    assert "linked.cjm.yaml" not in below and "private.cjm.yaml" not in below
    assert "alias.cjm.yaml" in below  # a link that stays inside the workspace is still followed
    ws = load_workspace(root)
    assert all("linked" not in p.name and "private" not in p.name for p in ws.journey_files())
    assert all("linked" not in p.name for p in collect_files([root / "journeys"], ws))


def test_ids_can_never_name_a_file_outside_the_site(tmp_path: Path) -> None:
    for bad in ("../escape", "/etc/passwd", "a/b", "..", ".hidden", "x" * 200, "a\x00b", "C:\\x"):
        with pytest.raises(ValueError):
            slug_file(bad)
    assert slug_file("tour-booking") == "tour-booking.html"


def test_two_processes_writing_the_same_site_leave_whole_pages(workspace: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "cjmkit", "render", "--site", "site"],
            cwd=workspace,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(2)
    ]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
        assert b"Traceback" not in err
    pages = list((workspace / "site").rglob("*.html"))
    assert len(pages) >= 7
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert text.rstrip().endswith("</html>") and text.count("<!DOCTYPE html>") <= 1, page
    assert not list((workspace / "site").rglob("*.tmp")), "temporary files were left behind"


def test_fmt_keeps_a_next_line_character_exactly(tmp_path: Path) -> None:
    """U+0085 (next line) must stay escaped: written raw, a reader takes it for a line break."""
    from cjmkit.loader import parse

    path = tmp_path / "nel.cjm.yaml"
    original = 'cjm: 1\nid: tour\ntitle:    "Next\\x85line"\nstages:\n  - {id: s, name: Search}\n'
    path.write_text(original, encoding="utf-8")
    result = run_cli("fmt", str(path), cwd=tmp_path)
    assert result.exit_code == 0 and "Traceback" not in result.stderr
    after = path.read_text(encoding="utf-8")
    assert after != original
    assert parse(after).data == parse(original).data and parse(after).data["title"] == "Next\x85line"
