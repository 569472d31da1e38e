"""cjm import csv --update: the sheet's edits merged into the journey; everything else stays byte for byte."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.authoring_helpers import comments, example_journeys
from tests.conftest import EXAMPLES, Result

Cjm = Callable[..., Result]
TOUR = "journeys/tour-booking.cjm.yaml"
TEMPLATES = ["b2b", "b2c", "employee", "performance", "saas", "tactical"]


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(EXAMPLES, root)
    return root


def _export(cjm: Cjm, ws: Path, journey: str) -> list[dict[str, str]]:
    res = cjm("export", "csv", journey, cwd=ws)
    assert res.exit_code == 0, res.stderr
    return list(csv.DictReader(io.StringIO(res.stdout)))


def _write_sheet(path: Path, rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), newline="")


def _round_trip(cjm: Cjm, ws: Path, journey: str) -> Result:
    res = cjm("export", "csv", journey, "-o", "sheet.csv", "--force", cwd=ws)
    assert res.exit_code == 0, res.stderr
    return cjm("import", "csv", "sheet.csv", "-o", journey, "--update", cwd=ws)


@pytest.mark.parametrize("path", example_journeys(), ids=lambda p: p.name)
def test_export_then_import_changes_no_byte_of_an_example(cjm: Cjm, ws: Path, path: Path) -> None:
    journey = f"journeys/{path.name}"
    before = (ws / journey).read_bytes()
    res = _round_trip(cjm, ws, journey)
    assert res.exit_code == 0, res.stdout + res.stderr
    assert "nothing changed" in res.stdout
    assert (ws / journey).read_bytes() == before


@pytest.mark.parametrize("template", TEMPLATES)
def test_export_then_import_changes_no_byte_of_a_new_map(cjm: Cjm, ws: Path, template: str) -> None:
    focus = ["--focus", "tour-booking/tour-search"] if template == "tactical" else []
    res = cjm("new", "fresh", "-t", template, *focus, "-o", "journeys/fresh.cjm.yaml", cwd=ws)
    assert res.exit_code == 0, res.stderr
    before = (ws / "journeys/fresh.cjm.yaml").read_bytes()
    res = _round_trip(cjm, ws, "journeys/fresh.cjm.yaml")
    assert res.exit_code == 0, res.stdout + res.stderr
    assert (ws / "journeys/fresh.cjm.yaml").read_bytes() == before


def test_edits_in_the_sheet_update_only_what_they_touch(cjm: Cjm, ws: Path) -> None:
    before = (ws / TOUR).read_text()
    rows = _export(cjm, ws, TOUR)
    by_id = {r["touchpoint"]: r for r in rows}
    by_id["tour-search"]["touchpoint_name"] = "Searches tours on the new site"
    by_id["tour-search"]["pain_points"] = by_id["tour-search"]["pain_points"].replace(" | high | ", " | critical | ")
    by_id["newsletter"]["emotion"] = "2"
    _write_sheet(ws / "sheet.csv", rows)
    res = cjm("import", "csv", "sheet.csv", "-o", TOUR, "--update", cwd=ws)
    assert res.exit_code == 0, res.stdout + res.stderr
    after = (ws / TOUR).read_text()
    # The words of cjm diff say what changed.
    assert 'touchpoint tour-search renamed: "Searches tours on the web site" -> "Searches tours on the new site"' in (
        res.stdout
    )
    assert "severity high -> critical" in res.stdout
    assert "3 changes" in res.stdout
    expected = (
        before.replace("name: Searches tours on the web site", "name: Searches tours on the new site")
        .replace("tour page\n            severity: high", "tour page\n            severity: critical")
        .replace("feelings: [Curious]\n        emotion: 1", "feelings: [Curious]\n        emotion: 2")
    )
    assert after == expected
    assert comments(after) == comments(before)


def test_rows_added_and_removed_add_and_remove_touchpoints(cjm: Cjm, ws: Path) -> None:
    before = (ws / TOUR).read_text()
    rows = _export(cjm, ws, TOUR)
    review = next(r for r in rows if r["touchpoint"] == "review-request")
    rows.remove(review)
    for row in rows:  # what led to it now leads nowhere
        row["next"] = "\n".join(n for n in row["next"].splitlines() if n != "review-request")
    added = {**rows[0], "touchpoint": "flyer", "touchpoint_name": "Picks up a flyer", "pain_points": "", "kpis": ""}
    added.update({"next": "", "backstage": "", "channel": "", "owner": "", "actions": "", "importance_customer": ""})
    rows.insert(1, added)
    _write_sheet(ws / "sheet.csv", rows)
    res = cjm("import", "csv", "sheet.csv", "-o", TOUR, "--update", cwd=ws)
    assert res.exit_code == 0, res.stdout + res.stderr
    after = (ws / TOUR).read_text()
    assert 'touchpoint flyer "Picks up a flyer" added' in res.stdout
    assert "review-request" in res.stdout and "removed" in res.stdout
    assert "id: review-request" not in after
    assert "      - id: flyer\n        name: Picks up a flyer\n" in after
    # What the sheet does not carry is still there: the journey's fields, opportunities, evidence, comments.
    for line in before.splitlines():
        if line.startswith(("owner:", "purpose:", "status:", "updated:", "opportunities:", "evidence:")):
            assert line in after.splitlines()
    assert after.count("  - id: add-filters") == before.count("  - id: add-filters") == 1
    assert comments(after) == comments(before)


def test_a_question_in_a_list_cell_is_written_quoted(cjm: Cjm, ws: Path) -> None:
    # Inside [a, b] PyYAML ends plain text at '?' or ':', so such items must be quoted.
    before = (ws / TOUR).read_text()
    rows = _export(cjm, ws, TOUR)
    newsletter = next(r for r in rows if r["touchpoint"] == "newsletter")
    newsletter["thoughts"] = "Is it cheap?\nWhere: Spain"
    _write_sheet(ws / "sheet.csv", rows)
    res = cjm("import", "csv", "sheet.csv", "-o", TOUR, "--update", cwd=ws)
    assert res.exit_code == 0, res.stdout + res.stderr
    assert (ws / TOUR).read_text() == before.replace(
        "thoughts: [That looks like a trip I could take]", 'thoughts: ["Is it cheap?", "Where: Spain"]'
    )
    assert cjm("validate", TOUR, cwd=ws).exit_code == 0


def test_force_still_merges(cjm: Cjm, ws: Path) -> None:
    before = (ws / TOUR).read_bytes()
    cjm("export", "csv", TOUR, "-o", "sheet.csv", cwd=ws)
    res = cjm("import", "csv", "sheet.csv", "-o", TOUR, "--force", cwd=ws)
    assert res.exit_code == 0, res.stdout + res.stderr
    assert (ws / TOUR).read_bytes() == before


def test_crlf_and_byte_order_mark_survive_an_update(cjm: Cjm, ws: Path) -> None:
    path = ws / TOUR
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    rows = _export(cjm, ws, TOUR)
    rows[0]["touchpoint_name"] = "Reads the newsletter"
    _write_sheet(ws / "sheet.csv", rows)
    res = cjm("import", "csv", "sheet.csv", "-o", TOUR, "--update", cwd=ws)
    assert res.exit_code == 0, res.stdout + res.stderr
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\n") == raw.count(b"\r\n")
    assert b"name: Reads the newsletter\r\n" in raw


def test_an_invalid_journey_is_not_merged_into(cjm: Cjm, ws: Path) -> None:
    cjm("export", "csv", TOUR, "-o", "sheet.csv", cwd=ws)
    path = ws / TOUR
    broken = path.read_text().replace("review_every: 90", "review_every: soon")
    path.write_text(broken)
    res = cjm("import", "csv", "sheet.csv", "-o", TOUR, "--update", cwd=ws)
    assert res.exit_code == 1, res.stdout + res.stderr
    assert "Traceback" not in res.stderr
    assert path.read_text() == broken


def test_a_merge_that_would_break_a_reference_names_the_sheet_row(cjm: Cjm, ws: Path) -> None:
    before = (ws / TOUR).read_text()
    rows = _export(cjm, ws, TOUR)
    rows = [r for r in rows if r["touchpoint"] != "review-request"]  # still named in another row's next
    _write_sheet(ws / "sheet.csv", rows)
    res = cjm("import", "csv", "sheet.csv", "-o", TOUR, "--update", cwd=ws)
    assert res.exit_code == 1, res.stdout + res.stderr
    assert "unknown next touchpoint 'review-request'" in res.stdout
    reader = csv.reader(io.StringIO((ws / "sheet.csv").read_text(), newline=""))
    column = next(reader).index("next")
    line = next(reader.line_num for r in reader if "review-request" in r[column].splitlines())
    assert f"sheet.csv:{line}:1:" in res.stdout
    assert "column 'next'" in res.stdout
    assert (ws / TOUR).read_text() == before


def test_mermaid_force_lists_what_replacing_the_journey_loses(cjm: Cjm, ws: Path) -> None:
    assert cjm("render", TOUR, "-f", "mermaid", "-o", "tour.mmd", cwd=ws).exit_code == 0
    res = cjm("import", "mermaid", "tour.mmd", "-o", TOUR, cwd=ws)
    assert res.exit_code == 2 and "already exists" in res.stderr
    res = cjm("import", "mermaid", "tour.mmd", "-o", TOUR, "--force", cwd=ws)
    assert res.exit_code == 0, res.stdout + res.stderr
    assert res.stdout.startswith(f"replaced {TOUR} (journey ")
    assert 'opportunity add-filters "Add filters by country, price and length to the tour page" removed' in res.stdout
    assert "created" not in res.stdout
