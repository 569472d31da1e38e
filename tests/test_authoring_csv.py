"""cjm export csv / import csv / export json: a spreadsheet round trip that loses nothing the CSV holds."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from cjmkit.authoring.csv_format import protect_cell, unprotect_cell
from cjmkit.validation import validate_file
from tests.authoring_helpers import bare_workspace, copy_examples, example_journeys
from tests.conftest import MINIMAL, Result

Cjm = Callable[..., Result]


@pytest.mark.parametrize("path", example_journeys(), ids=lambda p: p.name)
def test_round_trip_keeps_every_stage_and_touchpoint(cjm: Cjm, tmp_path: Path, path: Path) -> None:
    ws = copy_examples(tmp_path)
    original = validate_file(ws / "journeys" / path.name).journey
    assert original is not None
    res = cjm("export", "csv", f"journeys/{path.name}", "-o", "sheet.csv", cwd=ws)
    assert res.exit_code == 0, res.stderr
    res = cjm("import", "csv", "sheet.csv", "--id", "reimported", "-o", "journeys/reimported.cjm.yaml", cwd=ws)
    assert res.exit_code == 0, res.stdout + res.stderr
    back = validate_file(ws / "journeys" / "reimported.cjm.yaml").journey
    assert back is not None
    assert back.stages == original.stages
    assert back.title == original.title
    # Exported again, the sheet is the same (but for the journey id given on import).
    again = cjm("export", "csv", "journeys/reimported.cjm.yaml", cwd=ws)
    first_rows = list(csv.reader(io.StringIO((ws / "sheet.csv").read_text(), newline="")))
    again_rows = list(csv.reader(io.StringIO(again.stdout, newline="")))
    assert [row[1:] for row in again_rows] == [row[1:] for row in first_rows]


RISKY = MINIMAL.replace(
    "        emotion: 0\n",
    "        emotion: -1\n"
    '        thoughts: ["=HYPERLINK(\'http://evil.example\',\'click\')", "+1 for the new design", "@SUM(A1)", '
    '"-so-so-", "\'quoted\' already"]\n',
)


def test_formula_cells_are_neutralised_and_restored(cjm: Cjm, write: Callable[..., Path], tmp_path: Path) -> None:
    bare_workspace(tmp_path)
    write("checkout.cjm.yaml", RISKY)
    res = cjm("export", "csv", "checkout.cjm.yaml", cwd=tmp_path)
    assert res.exit_code == 0, res.stderr
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    cell = rows[0]["thoughts"]
    assert cell.startswith("'=HYPERLINK")
    assert rows[0]["emotion"] == "-1"  # a plain number stays a number
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@")) or value.lstrip("-").isdigit()
    (tmp_path / "sheet.csv").write_text(res.stdout)
    res = cjm("import", "csv", "sheet.csv", "-o", "back.cjm.yaml", cwd=tmp_path)
    assert res.exit_code == 0, res.stdout + res.stderr
    back = validate_file(tmp_path / "back.cjm.yaml").journey
    assert back is not None
    assert back.stages[0].touchpoints[0].thoughts == [
        "=HYPERLINK('http://evil.example','click')",
        "+1 for the new design",
        "@SUM(A1)",
        "-so-so-",
        "'quoted' already",
    ]


@pytest.mark.parametrize("value", ["=1+2", "+x", "-x", "@x", "\tx", "\rx", "'x", "''=x", "plain", "-2", ""])
def test_protect_cell_is_reversible(value: str) -> None:
    assert unprotect_cell(protect_cell(value)) == value
    assert not protect_cell(value).startswith(("=", "+", "@", "\t", "\r")) or value == ""


def test_import_never_overwrites_and_merges_with_force(cjm: Cjm, tmp_path: Path) -> None:
    ws = copy_examples(tmp_path)
    assert cjm("export", "csv", "journeys/tour-booking.cjm.yaml", "-o", "sheet.csv", cwd=ws).exit_code == 0
    target = ws / "journeys" / "tour-booking.cjm.yaml"
    before = target.read_text()
    res = cjm("import", "csv", "sheet.csv", cwd=ws)
    assert res.exit_code == 2 and "already exists" in res.stderr
    assert target.read_text() == before
    res = cjm("import", "csv", "sheet.csv", "--force", cwd=ws)  # --force merges, as --update does
    assert res.exit_code == 0, res.stdout + res.stderr
    assert target.read_text() == before and "nothing changed" in res.stdout
    assert cjm("validate", cwd=ws).exit_code == 0


def test_import_reports_bad_cells_with_their_line_and_writes_nothing(cjm: Cjm, tmp_path: Path) -> None:
    bare_workspace(tmp_path)
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "stage,stage_name,touchpoint,touchpoint_name,emotion\n"
        "browse,Browse,search,Searches,1\n"
        "browse,Browse,compare,Compares,very bad\n"
    )
    res = cjm("import", "csv", "sheet.csv", "--id", "shop", cwd=tmp_path)
    assert res.exit_code == 1
    assert "sheet.csv:3:1: error" in res.stdout and "'very bad' in column emotion" in res.stdout
    assert not list(tmp_path.rglob("*.cjm.yaml"))
    sheet.write_text("stage,stage_name,touchpoint,touchpoint_name,emotion\nbrowse,Browse,search,Searches,5\n")
    res = cjm("import", "csv", "sheet.csv", "--id", "shop", cwd=tmp_path)
    assert res.exit_code == 1
    # The journey was never written, so the problem is shown where it is: line 2 of the sheet, its column.
    assert "sheet.csv:2:1: error[E134] emotion 5 is out of range" in res.stdout
    assert "fix the value in the column 'emotion'" in res.stdout and "Nothing was written" in res.stdout
    assert not list(tmp_path.rglob("*.cjm.yaml"))


def test_values_the_format_does_not_allow_are_reported_at_their_line_and_column(tmp_path: Path) -> None:
    from cjmkit.authoring.csv_import import import_csv

    sheet = (
        "journey,journey_title,stage,stage_name,touchpoint,touchpoint_name,pain_points\n"
        "Tour Booking,Booking a tour,browse,Browse,,,\n"
        "Tour Booking,Booking a tour,browse,Browse,search,Searches,p1 | dreadful | No filters\n"
        "Tour Booking,Booking a tour,pay,Pay,card form,Pays,\n"
    )
    result = import_csv(sheet, "tours.csv")
    assert not result.ok
    found = {(d.line, d.code, d.hint.split(";")[0] if d.hint else "") for d in result.diagnostics}
    assert found == {
        (2, "E136", "fix the value in the column 'journey'"),  # "Tour Booking" is not an id
        (3, "E133", "fix the value in the column 'pain_points'"),  # no severity "dreadful"
        (4, "E136", "fix the value in the column 'touchpoint'"),  # "card form" is not an id
    }
    assert all(d.path == "tours.csv" for d in result.diagnostics)


def test_hand_made_sheet_imports_with_definitions_filled_in(cjm: Cjm, tmp_path: Path) -> None:
    bare_workspace(tmp_path)
    (tmp_path / "sheet.csv").write_text(
        "stage,stage_name,touchpoint,touchpoint_name,channel,owner,pain_points,kpis\n"
        "browse,Browse,search,Searches the shop,website,web-team,"
        '"slow-search | high | Search takes 5 seconds | support-tickets",'
        '"search-time | Search time | s | 1 | 5 | down"\n'
    )
    res = cjm("import", "csv", "sheet.csv", "--id", "shop", "--title", "Shopping", cwd=tmp_path)
    assert res.exit_code == 0, res.stdout + res.stderr
    assert "note: defined teams web-team" in res.stdout
    assert "placeholder evidence support-tickets" in res.stdout
    journey = validate_file(tmp_path / "journeys" / "shop.cjm.yaml").journey
    assert journey is not None
    kpi = journey.stages[0].touchpoints[0].kpis[0]
    assert (kpi.target, kpi.current, kpi.direction, kpi.unit) == (1, 5, "down", "s")
    assert journey.stages[0].touchpoints[0].pain_points[0].severity == "high"


def test_export_json_is_the_validated_model(cjm: Cjm) -> None:
    from tests.conftest import EXAMPLES

    res = cjm("export", "json", "journeys/tour-booking.cjm.yaml", cwd=EXAMPLES)
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["id"] == "tour-booking"
    assert data["stages"][0]["touchpoints"][0]["moment_of_truth"] is False  # defaults filled in
    assert data["updated"] == "2026-10-14"


def test_export_of_an_invalid_journey_exits_1(cjm: Cjm, write: Callable[..., Path], tmp_path: Path) -> None:
    bare_workspace(tmp_path)
    write("checkout.cjm.yaml", MINIMAL.replace("emotion: 0", "emotion: 9"))
    res = cjm("export", "csv", "checkout.cjm.yaml", cwd=tmp_path)
    assert res.exit_code == 1
    assert "checkout.cjm.yaml:" in res.stderr and res.stdout == ""


def test_an_imported_map_names_its_source_by_file_name_only(cjm: Cjm, tmp_path: Path) -> None:
    """The header comment of an imported map never carries the importer's folders (it gets committed)."""
    ws = copy_examples(tmp_path / "ws")
    elsewhere = tmp_path / "home" / "alice" / "exports"
    elsewhere.mkdir(parents=True)
    sheet = elsewhere / "sheet.csv"
    sheet.write_text(cjm("export", "csv", "journeys/tour-booking.cjm.yaml", cwd=ws).stdout, encoding="utf-8")
    diagram = elsewhere / "flow.mmd"
    diagram.write_text("journey\n  title Buying\n  section Look\n    Search: 3: Me\n", encoding="utf-8")
    for args, target in (
        (("import", "csv", str(sheet), "--id", "copy"), "copy.cjm.yaml"),
        (("import", "mermaid", str(diagram)), "buying.cjm.yaml"),
    ):
        res = cjm(*args, "-o", f"journeys/{target}", cwd=ws)
        assert res.exit_code == 0, res.stdout + res.stderr
        text = (ws / "journeys" / target).read_text(encoding="utf-8")
        assert "Imported from" in text and str(tmp_path) not in text and "alice" not in text
