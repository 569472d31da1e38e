"""cjm kpi update: KPI values and the measured date from a metrics CSV, with comments kept."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cjmkit.validation import validate_file
from tests.authoring_helpers import comments, copy_examples
from tests.conftest import Result

Cjm = Callable[..., Result]


def _kpis(path: Path) -> dict[str, object]:
    journey = validate_file(path).journey
    assert journey is not None
    return {k.id: k.current for _, _, k in journey.iter_kpis()}


def test_update_sets_values_and_date_and_keeps_comments(cjm: Cjm, tmp_path: Path) -> None:
    ws = copy_examples(tmp_path)
    path = ws / "journeys" / "tour-booking.cjm.yaml"
    before = path.read_text()
    (ws / "metrics.csv").write_text(
        "journey,kpi,value,date\n"
        "tour-booking,search-to-booking,13,2026-11-25\n"
        "tour-booking,search-to-booking,14,2026-12-01\n"
        "tour-booking,itinerary-email-open-rate,55.5,2026-12-02\n"
    )
    res = cjm("kpi", "update", "--from", "metrics.csv", cwd=ws)
    assert res.exit_code == 0, res.stdout + res.stderr
    assert "search-to-booking: 12 -> 14" in res.stdout
    after = path.read_text()
    values = _kpis(path)
    assert values["search-to-booking"] == 14  # the latest date wins
    assert values["itinerary-email-open-rate"] == 55.5
    journey = validate_file(path).journey
    assert journey is not None and str(journey.measured) == "2026-12-02"
    assert comments(after) == comments(before)
    # Only the three values changed: every other line is as written.
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=False) if a != b]
    assert changed[0] == ('measured: "2026-11-20"', 'measured: "2026-12-02"')
    assert len(after.splitlines()) == len(before.splitlines()) + 1
    assert "            current: 55.5" in after.splitlines()
    again = cjm("kpi", "update", "--from", "metrics.csv", cwd=ws)
    assert again.exit_code == 0 and "nothing to change" in again.stdout
    assert path.read_text() == after


def test_unknown_ids_and_bad_rows_are_reported_by_line(cjm: Cjm, tmp_path: Path) -> None:
    ws = copy_examples(tmp_path)
    (ws / "metrics.csv").write_text(
        "journey,kpi,value,date\n"
        "tour-bookin,review-rate,20,2026-12-01\n"
        "tour-booking,reveiw-rate,20,2026-12-01\n"
        "tour-booking,review-rate,twenty,2026-12-01\n"
        "tour-booking,review-rate,16,01/12/2026\n"
        "tour-booking,booking-completion,77,2026-12-01\n"
    )
    res = cjm("kpi", "update", "--from", "metrics.csv", cwd=ws)
    assert res.exit_code == 1
    out = res.stdout
    assert "metrics.csv:2:1: warning[K102] unknown journey 'tour-bookin' (did you mean 'tour-booking'?)" in out
    assert "metrics.csv:3:1: warning[K103] journey 'tour-booking' has no KPI 'reveiw-rate'" in out
    assert "metrics.csv:4:1: error[K101] the value 'twenty' is not a number" in out
    assert "metrics.csv:5:1: error[K101] the date '01/12/2026' is not a date" in out
    # The good row is still applied.
    assert _kpis(ws / "journeys" / "tour-booking.cjm.yaml")["booking-completion"] == 77


def test_dry_run_writes_nothing(cjm: Cjm, tmp_path: Path) -> None:
    ws = copy_examples(tmp_path)
    path = ws / "journeys" / "tour-booking.cjm.yaml"
    before = path.read_text()
    (ws / "metrics.csv").write_text("journey,kpi,value,date\ntour-booking,review-rate,18,2026-12-01\n")
    res = cjm("kpi", "update", "--from", "metrics.csv", "--dry-run", cwd=ws)
    assert res.exit_code == 0
    assert "would update journeys/tour-booking.cjm.yaml" in res.stdout and "review-rate: 14 -> 18" in res.stdout
    assert path.read_text() == before


def test_missing_columns_is_a_clear_error(cjm: Cjm, tmp_path: Path) -> None:
    ws = copy_examples(tmp_path)
    (ws / "metrics.csv").write_text("journey,metric,value\ntour-booking,review-rate,18\n")
    res = cjm("kpi", "update", "--from", "metrics.csv", cwd=ws)
    assert res.exit_code == 1
    assert "has no kpi, date column" in res.stdout
    assert cjm("kpi", "update", "--from", "nope.csv", cwd=ws).exit_code == 2


def test_a_broken_workspace_file_is_the_problem_reported(cjm: Cjm, tmp_path: Path) -> None:
    """Not "unknown journey" for every row: cjm.yaml cannot be read, so no journey was found."""
    (tmp_path / "cjm.yaml").write_text("cjm: 1\njourneys: [\n")
    (tmp_path / "metrics.csv").write_text("journey,kpi,value,date\ncheckout,pay-success,97,2026-01-01\n")
    res = cjm("kpi", "update", "--from", "metrics.csv", cwd=tmp_path)
    assert res.exit_code == 1
    assert "cjm.yaml:3:1: error[E110] YAML syntax error" in res.stderr
    assert "unknown journey" not in res.stdout + res.stderr


def test_a_workspace_without_journeys_is_a_usage_error(cjm: Cjm, tmp_path: Path) -> None:
    (tmp_path / "cjm.yaml").write_text("cjm: 1\n")
    (tmp_path / "metrics.csv").write_text("journey,kpi,value,date\ncheckout,pay-success,97,2026-01-01\n")
    res = cjm("kpi", "update", "--from", "metrics.csv", cwd=tmp_path)
    assert res.exit_code == 2
    assert "no journey files found" in res.stderr
