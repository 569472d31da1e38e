"""Values at the edge of the format: dates past the calendar, huge and non-finite numbers, ids that
look like numbers, a text bomb made of aliases, invisible line breaks. Each is a clean problem."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from cjmkit import facts
from cjmkit.loader import LoadError, parse
from cjmkit.loader.yaml import MAX_ALIAS_CHARS
from cjmkit.model.journey import Kpi
from tests.conftest import MINIMAL, run_cli


def _run(tmp_path: Path, *args: str) -> tuple[int, str]:
    res = run_cli(*args, cwd=tmp_path)
    out = res.stdout + res.stderr
    assert "Traceback" not in out, out
    return res.exit_code, out


def _workspace(tmp_path: Path, journey: str, config: str = "cjm: 1\n") -> Path:
    (tmp_path / "cjm.yaml").write_text(config)
    path = tmp_path / "a.cjm.yaml"
    path.write_text(journey)
    return path


FAR_DATES = [
    ("updated: 9999-12-01", "updated", "a date from 1900-01-01 to 2999-12-31"),
    ("measured: 0001-01-01", "measured", "a date from 1900"),
    ("updated: 2026-01-01\nreview_every: 1000000000", "review every 1000000000 is out of range", "at most 3650"),
]


@pytest.mark.parametrize(("added", "where", "expected"), FAR_DATES)
def test_dates_past_the_calendar_are_range_errors(tmp_path: Path, added: str, where: str, expected: str) -> None:
    _workspace(tmp_path, MINIMAL.replace("title: Checking out", f"title: Checking out\n{added}", 1))
    code, out = _run(tmp_path, "validate")
    assert code == 1 and "E134" in out and where in out and expected in out, out
    # Every command that computes the review date stays clean too.
    for command in (["lint"], ["stats"], ["render", "a.cjm.yaml", "-f", "markdown"]):
        code, out = _run(tmp_path, *command)
        assert code == 1, out


def test_a_review_period_option_past_the_calendar_is_a_config_error(tmp_path: Path) -> None:
    config = "cjm: 1\nlint:\n  options:\n    map-stale: {default_review_days: 1000000000}\n"
    _workspace(tmp_path, MINIMAL.replace("title: Checking out", "title: Checking out\nupdated: 2999-12-01"), config)
    code, out = _run(tmp_path, "lint")
    assert code != 0 and "default_review_days" in out and "from 1 to 3650" in out, out


def test_review_date_is_computed_defensively() -> None:
    journey = parse(MINIMAL.replace("title: Checking out", "title: Checking out\nupdated: 2999-12-01")).data
    from cjmkit.model.journey import Journey

    j = Journey.model_validate(journey)
    assert facts.review_due(j, default_days=10**9) is not None
    assert not facts.is_stale(j, default_days=10**9)


@pytest.mark.parametrize("value", [f"{10**400}", f"!!int {10**100}", "1e300", f"-{10**20}"])
def test_a_huge_kpi_value_is_a_range_error(tmp_path: Path, value: str) -> None:
    _workspace(tmp_path, MINIMAL.replace("target: 98", f"target: 3\n            current: {value}"))
    code, out = _run(tmp_path, "validate")
    assert code == 1 and "current" in out and "E13" in out, out
    # Written as a number, so reported as a number out of range (not as text where a number belongs).
    assert "is out of range" in out and "from -1000000000000000 to 1000000000000000" in out, out
    code, out = _run(tmp_path, "render", "a.cjm.yaml", "-f", "html")
    assert code == 1, out


def test_kpi_attainment_of_whole_numbers_beyond_a_float() -> None:
    up = Kpi.model_construct(id="k", name="K", target=3, current=10**400, direction="up")
    down = Kpi.model_construct(id="k", name="K", target=3, current=10**400, direction="down")
    assert facts.kpi_attainment(up) == 1.5
    assert facts.kpi_attainment(down) == 0.0


@pytest.mark.parametrize("value", [".nan", ".inf", "-.Inf", ".NaN"])
def test_non_finite_numbers_are_refused_so_json_stays_strict(tmp_path: Path, value: str) -> None:
    _workspace(tmp_path, MINIMAL.replace("target: 98", f"target: 98\n            current: {value}"))
    code, out = _run(tmp_path, "validate")
    assert code == 1 and "a finite number (not .nan or .inf)" in out, out
    res = run_cli("export", "json", "a.cjm.yaml", cwd=tmp_path)
    assert res.exit_code != 0
    assert "NaN" not in res.stdout and "Infinity" not in res.stdout


def test_finite_numbers_still_export_as_strict_json(tmp_path: Path) -> None:
    _workspace(tmp_path, MINIMAL.replace("target: 98", "target: 98\n            current: 1e15"))
    res = run_cli("export", "json", "a.cjm.yaml", cwd=tmp_path)
    assert res.exit_code == 0, res.stderr
    json.loads(res.stdout, parse_constant=lambda c: pytest.fail(f"non-standard JSON constant {c}"))


@pytest.mark.parametrize(
    ("spelled", "number"),
    [("0x1f", "31"), ("0o17", "15"), ("01", "1"), ("+7", "7"), ("1e3", "1000.0")],
)
def test_an_id_written_as_a_number_must_be_quoted(tmp_path: Path, spelled: str, number: str) -> None:
    _workspace(tmp_path, MINIMAL.replace("id: slow-pay", f"id: {spelled}").replace("[slow-pay]", f"['{spelled}']"))
    code, out = _run(tmp_path, "validate")
    assert code == 1, out
    assert f"a.cjm.yaml:34:17: error[E136] {spelled} is read as the number {number}" in out, out
    assert f"write it in quotes: '{spelled}'" in out


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("personas: [shopper]", "personas: [01]"),
        ("next: [pay]", "next: [0x1f]"),
        ("addresses: [slow-pay]", "addresses: [007]"),
        ("owner: web-team\n    touchpoints", "owner: 010\n    touchpoints"),
        ("kpis: [pay-success]", "kpis: [0o7]"),
    ],
)
def test_every_reference_written_as_a_number_must_be_quoted(tmp_path: Path, old: str, new: str) -> None:
    assert old in MINIMAL
    _workspace(tmp_path, MINIMAL.replace(old, new, 1))
    code, out = _run(tmp_path, "validate")
    assert code == 1 and "E136" in out and "write it in quotes" in out, out


def test_ids_01_and_1_no_longer_clash_silently(tmp_path: Path) -> None:
    text = MINIMAL.replace("id: cart", "id: 1").replace("id: payment", "id: 01")
    _workspace(tmp_path, text)
    code, out = _run(tmp_path, "validate")
    assert code == 1 and "01 is read as the number 1" in out and "duplicate" not in out, out


def test_a_plain_number_id_spelled_as_python_writes_it_is_still_its_text(tmp_path: Path) -> None:
    _workspace(tmp_path, MINIMAL.replace("id: cart", "id: 2024"))
    code, out = _run(tmp_path, "validate")
    assert code == 0, out


def test_one_long_string_used_many_times_is_refused_by_size() -> None:
    text = "cjm: 1\nid: a\nx-note: &big " + "x" * 5_000_000 + "\nx-more: [" + ", ".join(["*big"] * 2000) + "]\n"
    start = time.monotonic()
    with pytest.raises(LoadError) as err:
        parse(text, "bomb.cjm.yaml")
    assert time.monotonic() - start < 5
    d = err.value.diagnostics[0]
    assert d.code == "E115" and f"{MAX_ALIAS_CHARS:,} characters" in d.message and d.line == 4


def test_a_mapping_of_long_text_used_many_times_is_refused_by_size() -> None:
    text = "cjm: 1\nx-a: &a {k: " + "y" * 100_000 + "}\nx-b: [" + ", ".join(["*a"] * 200) + "]\n"
    with pytest.raises(LoadError) as err:
        parse(text)
    assert "characters of text" in err.value.diagnostics[0].message


def test_ordinary_aliases_of_text_still_load() -> None:
    text = "cjm: 1\nx-a: &a {k: " + "y" * 1000 + "}\nx-b: [" + ", ".join(["*a"] * 2000) + "]\n"
    assert len(parse(text).data["x-b"]) == 2000


@pytest.mark.parametrize("char", ["\u2028", "\x85", "\u2029"])
def test_invisible_line_breaks_do_not_shift_line_numbers(tmp_path: Path, char: str) -> None:
    text = MINIMAL.replace("title: Checking out", f"title: Checking{char}out\npurpose: [")
    _workspace(tmp_path, text)
    code, out = _run(tmp_path, "validate")
    assert code == 1 and "a.cjm.yaml:3:" in out, out
    assert f"U+{ord(char):04X}" in out


def test_positions_after_an_invisible_line_break_in_quotes_stay_right(tmp_path: Path) -> None:
    text = MINIMAL.replace("title: Checking out", 'title: "Checking\u2028out"').replace("emotion: 0", "emotion: 9")
    _workspace(tmp_path, text)
    code, out = _run(tmp_path, "validate")
    assert code == 1 and "a.cjm.yaml:23:18: error[E134]" in out, out


@pytest.mark.parametrize(
    "broken",
    ["stages: 5", "stages:\n  - id: s\n    name: S\n    touchpoints: 7", "stages:\n  - 3\n  - [x]"],
)
@pytest.mark.parametrize("command", ["validate", "lint"])
def test_a_tactical_map_whose_focus_journey_is_broken(tmp_path: Path, broken: str, command: str) -> None:
    (tmp_path / "cjm.yaml").write_text("cjm: 1\n")
    (tmp_path / "target.cjm.yaml").write_text(f"cjm: 1\nid: target\ntitle: T\n{broken}\n")
    tactical = MINIMAL.replace("title: Checking out", "title: Checking out\nview: tactical\nfocus: {journey: target}")
    (tmp_path / "tact.cjm.yaml").write_text(tactical)
    code, out = _run(tmp_path, command, "tact.cjm.yaml")
    assert "tact.cjm.yaml" in out or code == 0, out
    assert "unknown journey 'target'" not in out
