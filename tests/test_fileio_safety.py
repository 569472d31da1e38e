"""Writes never replace what stands at the path, and never lose an edit made while cjm worked."""

from __future__ import annotations

import os
import shutil
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from cjmkit.authoring.fmt import format_file, write_formatted
from cjmkit.fileio import ChangedOnDiskError, NotAFileError, read_for_update, replace_checked, write_atomic
from tests.conftest import EXAMPLES, Result

Cjm = Callable[..., Result]
TOUR = "journeys/tour-booking.cjm.yaml"
# A valid journey whose keys are out of canonical order, so that fmt rewrites it.
UNTIDY = "cjm: 1\ntitle: Shop\nid: shop\nstages:\n  - name: Buy\n    id: buy\n"


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(EXAMPLES, root)
    return root


def _read_fifo(path: Path, into: list[bytes]) -> threading.Thread:
    def run() -> None:
        with open(path, "rb") as handle:
            into.append(handle.read())

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_fmt_writes_through_a_symlink_to_its_target(cjm: Cjm, tmp_path: Path) -> None:
    real = tmp_path / "real" / "shop.cjm.yaml"
    real.parent.mkdir()
    real.write_text(UNTIDY)
    link = tmp_path / "shop.cjm.yaml"
    link.symlink_to(real)
    res = cjm("fmt", "shop.cjm.yaml", cwd=tmp_path)
    assert res.exit_code == 0, res.stdout + res.stderr
    assert link.is_symlink()
    assert real.read_text().startswith("cjm: 1\nid: shop\ntitle: Shop\n")


def test_an_edit_made_while_fmt_worked_is_not_lost(tmp_path: Path) -> None:
    path = tmp_path / "shop.cjm.yaml"
    path.write_text(UNTIDY)
    result = format_file(path)
    assert result.changed
    with open(path, "a") as handle:  # someone saves the file meanwhile
        handle.write("x-note: added by a colleague\n")
    with pytest.raises(ChangedOnDiskError):
        write_formatted(result, path)
    assert path.read_text() == UNTIDY + "x-note: added by a colleague\n"


def test_replace_checked_writes_when_nothing_changed_and_refuses_otherwise(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"one\r\n")
    text, snap = read_for_update(path)
    assert text == "one\r\n"
    os.utime(path)  # touched, not edited: the bytes decide
    replace_checked(path, "two\r\n", snap)
    assert path.read_bytes() == b"two\r\n"
    with pytest.raises(ChangedOnDiskError):
        replace_checked(path, "three\n", snap)  # the snapshot is of 'one'
    assert path.read_bytes() == b"two\r\n"


def test_export_into_a_fifo_streams_into_it(cjm_process: Cjm, ws: Path) -> None:
    # A process: opening a FIFO blocks until the reader comes, and a process has a timeout.
    fifo = ws / "out.csv"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = _read_fifo(fifo, got)
    res = cjm_process("export", "csv", TOUR, "-o", "out.csv", cwd=ws)
    reader.join(10)
    assert res.exit_code == 0, res.stdout + res.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert got and got[0].startswith(b"journey,journey_title,stage")


def test_render_onto_a_character_device_keeps_the_device(cjm_process: Cjm, ws: Path) -> None:
    # A process: a device is written as a stream, through the process's own file descriptors.
    node = ws / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # the null device, as /dev/null is
    except PermissionError:
        pytest.skip("creating a device node needs root")
    res = cjm_process("render", TOUR, "-f", "mermaid", "-o", "null", cwd=ws)
    assert res.exit_code == 0, res.stdout + res.stderr
    assert stat.S_ISCHR(node.stat().st_mode)


@pytest.mark.parametrize(
    "args",
    [
        ("export", "csv", TOUR, "-o", "-"),
        ("export", "json", TOUR, "-o", "-"),
        ("render", TOUR, "-f", "mermaid", "-o", "-"),
        ("diff", TOUR, "journeys/tour-search-future.cjm.yaml", "-o", "-"),
        ("new", "fresh", "-o", "-"),
    ],
)
def test_dash_output_is_standard_output(cjm: Cjm, ws: Path, args: tuple[str, ...]) -> None:
    res = cjm(*args, cwd=ws)
    assert res.exit_code in (0, 1), res.stdout + res.stderr
    assert not (ws / "-").exists()
    assert res.stdout.strip()
    # The output itself is the confirmation: no note claims a file named '-' was written.
    assert " -\n" not in res.stderr and " - " not in res.stderr, res.stderr


def test_a_folder_is_never_replaced(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(NotAFileError):
        write_atomic(folder, "x")
    assert folder.is_dir()
