"""What a shared repository may hold and cjm must not trust: report templates, journey templates."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, run_cli, run_cli_process


def _workspace(tmp_path: Path, config: str = "cjm: 1\n") -> None:
    (tmp_path / "cjm.yaml").write_text(config)
    (tmp_path / "a.cjm.yaml").write_text(MINIMAL)


@pytest.mark.parametrize(
    "payload",
    [
        '{{ cycler.__init__.__globals__.os.popen("echo pwned > marker").read() }}',
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        '{{ lipsum.__globals__["os"].system("echo pwned > marker") }}',
    ],
)
def test_a_report_template_cannot_run_programs(tmp_path: Path, payload: str) -> None:
    _workspace(tmp_path)
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "report.html.j2").write_text(payload + "\n")
    res = run_cli("render", "a.cjm.yaml", "-f", "html", "--template-dir", "tpl", cwd=tmp_path)
    assert not (tmp_path / "marker").exists()
    assert res.exit_code == 2, res.stdout
    assert "unsafe" in res.stderr and "Traceback" not in res.stderr
    assert "pwned" not in res.stdout


def test_an_ordinary_custom_template_still_renders(tmp_path: Path) -> None:
    _workspace(tmp_path)
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "report.html.j2").write_text(
        "<h1>{{ j.title }}</h1>{% for s in j.stages %}<p>{{ s.name|upper }}</p>{% endfor %}\n"
    )
    res = run_cli("render", "a.cjm.yaml", "-f", "html", "--template-dir", "tpl", cwd=tmp_path)
    assert res.exit_code == 0, res.stderr
    assert "<h1>Checking out</h1><p>CART</p><p>PAYMENT</p>" in res.stdout


@pytest.mark.parametrize("args", [["--list"], ["x"], ["x", "-t", "b2b"], ["x", "-t", "latin"]])
def test_a_workspace_journey_template_that_is_not_utf8(tmp_path: Path, args: list[str]) -> None:
    _workspace(tmp_path, "cjm: 1\ntemplates:\n  latin: tpl/latin.cjm.yaml\n")
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "latin.cjm.yaml").write_bytes(b"# Caf\xe9 visits\ncjm: 1\nid: x\ntitle: Caf\xe9\n")
    res = run_cli("new", *args, cwd=tmp_path)
    assert "Traceback" not in res.stderr, res.stderr
    if args == ["--list"]:
        assert res.exit_code == 0 and "latin" in res.stdout and "not UTF-8" in res.stdout
    elif args[-1] == "latin":
        assert res.exit_code == 2
        assert "the template 'latin' cannot be used: tpl/latin.cjm.yaml:1:6: the file is not valid UTF-8" in res.stderr
        assert not (tmp_path / "journeys" / "x.cjm.yaml").exists()
    else:
        assert res.exit_code == 0, res.stderr
        assert (tmp_path / "journeys" / "x.cjm.yaml").exists()


@pytest.mark.parametrize("args", [["--list"], ["x", "-t", "up"], ["x", "-t", "abs"], ["x", "-t", "pipe"]])
def test_a_journey_template_outside_the_workspace_or_not_a_file_is_not_read(tmp_path: Path, args: list[str]) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    (tmp_path / "secret.cjm.yaml").write_text("# the secret\ncjm: 1\nid: s\ntitle: S\naws_secret_access_key: K\n")
    _workspace(ws, "cjm: 1\ntemplates:\n  up: ../secret.cjm.yaml\n  abs: /dev/zero\n  pipe: tpl/pipe\n")
    (ws / "tpl").mkdir()
    os.mkfifo(ws / "tpl" / "pipe")  # reading a pipe with no writer never returns
    # A process: if cjm ever opened the pipe, the timeout ends the test; in process it would hang.
    res = run_cli_process("new", *args, cwd=ws, timeout=20)
    assert "Traceback" not in res.stderr, res.stderr
    assert "secret" not in res.stdout + res.stderr.replace("secret.cjm.yaml", "")
    if args == ["--list"]:
        assert res.exit_code == 0, res.stderr
        assert "up           (cannot be used: outside the workspace)" in res.stdout
        assert "pipe         (cannot be read)" in res.stdout
    else:
        assert res.exit_code == 2
        name = args[-1]
        why = "is not a regular file" if name == "pipe" else "points outside the workspace"
        assert f"the template '{name}' listed in cjm.yaml {why}" in res.stderr
        assert not (ws / "journeys" / "x.cjm.yaml").exists()
