"""cjm kpi update changes only the values it was asked to change, byte for byte, on any valid file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Result

Cjm = Callable[..., Result]

ODD = """\
# Written by hand; keep every spelling.
cjm: 1
id: shop
title: Shop  # short
x-ts: 2001-12-14 21:59:43.10 -5
x-f: 1_000.5
x-p: +12
x-n: ~
x-b: True
stages:
  - id: buy
    name: 'Buy'
    touchpoints:
      - id: pay
        name: "Pay"
        kpis:
          # the one that matters
          - id: KPI_ID
            name: Conversion
            current: 12    # last quarter
            target: 25
"""


def _workspace(tmp_path: Path, journey: str, kpi_id: str = "conv", name: str = "shop.cjm.yaml") -> Path:
    ws = tmp_path / "ws"
    (ws / "journeys").mkdir(parents=True)
    (ws / "cjm.yaml").write_text("cjm: 1\n")
    (ws / "journeys" / name).write_bytes(journey.encode())
    (ws / "metrics.csv").write_text(f"journey,kpi,value,date\nshop,{kpi_id},14,2026-12-01\n")
    return ws


def test_only_the_value_and_measured_date_change(cjm: Cjm, tmp_path: Path) -> None:
    ws = _workspace(tmp_path, ODD.replace("KPI_ID", "conv"))
    res = cjm("kpi", "update", "--from", "metrics.csv", cwd=ws)
    assert res.exit_code == 0, res.stdout + res.stderr
    after = (ws / "journeys" / "shop.cjm.yaml").read_text()
    expected = (
        ODD.replace("KPI_ID", "conv")
        .replace("current: 12    # last quarter", "current: 14    # last quarter")
        .replace("# short\n", '# short\nmeasured: "2026-12-01"\n')
    )
    assert after == expected


@pytest.mark.parametrize("kpi_id", ["2024-01-01", "0b101", "1_000"])
def test_ids_that_yaml_readers_disagree_on_are_updated(cjm: Cjm, tmp_path: Path, kpi_id: str) -> None:
    ws = _workspace(tmp_path, ODD.replace("KPI_ID", kpi_id), kpi_id)
    res = cjm("kpi", "update", "--from", "metrics.csv", cwd=ws)
    assert res.exit_code == 0, res.stdout + res.stderr
    assert "Traceback" not in res.stderr
    assert "current: 14    # last quarter" in (ws / "journeys" / "shop.cjm.yaml").read_text()


def test_a_yaml_1_1_file_that_validates_is_updated(cjm: Cjm, tmp_path: Path) -> None:
    text = "%YAML 1.1\n---\n" + ODD.replace("KPI_ID", "conv")
    ws = _workspace(tmp_path, text)
    assert cjm("validate", cwd=ws).exit_code == 0
    res = cjm("kpi", "update", "--from", "metrics.csv", cwd=ws)
    assert res.exit_code == 0, res.stdout + res.stderr
    after = (ws / "journeys" / "shop.cjm.yaml").read_text()
    assert after.startswith("%YAML 1.1\n---\n# Written by hand")
    assert "current: 14    # last quarter" in after


def test_crlf_and_byte_order_mark_are_kept(cjm: Cjm, tmp_path: Path) -> None:
    text = "\ufeff" + ODD.replace("KPI_ID", "conv").replace("\n", "\r\n")
    ws = _workspace(tmp_path, text)
    res = cjm("kpi", "update", "--from", "metrics.csv", cwd=ws)
    assert res.exit_code == 0, res.stdout + res.stderr
    raw = (ws / "journeys" / "shop.cjm.yaml").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf# Written")
    assert b"current: 14    # last quarter\r\n" in raw
    assert b'measured: "2026-12-01"\r\n' in raw
    assert raw.count(b"\n") == raw.count(b"\r\n")


def test_a_broken_other_journey_is_reported_and_the_rest_updated(cjm: Cjm, tmp_path: Path) -> None:
    ws = _workspace(tmp_path, ODD.replace("KPI_ID", "conv"))
    (ws / "journeys" / "other.cjm.yaml").write_text("cjm: 1\nid: other\ntitle: O\nstages: [oops]\n")
    (ws / "journeys" / "broken.cjm.yaml").write_text("cjm: 1\nid: [\n")
    res = cjm("kpi", "update", "--from", "metrics.csv", cwd=ws)
    assert "Traceback" not in res.stderr
    assert res.exit_code == 1, res.stdout + res.stderr
    assert "broken.cjm.yaml" in res.stdout and "cannot be read" in res.stdout
    assert "current: 14    # last quarter" in (ws / "journeys" / "shop.cjm.yaml").read_text()


def test_a_missing_current_is_added_in_canonical_order(cjm: Cjm, tmp_path: Path) -> None:
    text = ODD.replace("KPI_ID", "conv").replace("            current: 12    # last quarter\n", "")
    ws = _workspace(tmp_path, text)
    res = cjm("kpi", "update", "--from", "metrics.csv", cwd=ws)
    assert res.exit_code == 0, res.stdout + res.stderr
    after = (ws / "journeys" / "shop.cjm.yaml").read_text()
    assert "            target: 25\n            current: 14\n" in after
    assert after.replace("            current: 14\n", "").replace('measured: "2026-12-01"\n', "") == text


def test_a_symlinked_journey_is_updated_through_the_link(cjm: Cjm, tmp_path: Path) -> None:
    ws = _workspace(tmp_path, ODD.replace("KPI_ID", "conv"))
    real = tmp_path / "elsewhere.cjm.yaml"
    (ws / "journeys" / "shop.cjm.yaml").rename(real)
    (ws / "journeys" / "shop.cjm.yaml").symlink_to(real)
    res = cjm("kpi", "update", "journeys/shop.cjm.yaml", "--from", "metrics.csv", cwd=ws)
    assert res.exit_code == 0, res.stdout + res.stderr
    assert (ws / "journeys" / "shop.cjm.yaml").is_symlink()
    assert "current: 14    # last quarter" in real.read_text()
