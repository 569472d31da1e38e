"""Property: in-place updates (kpi update, import csv --update) change only the values asked for.

Generated maps carry comments at every depth, odd scalar spellings in ``x-`` keys, flow and
block items, CRLF line ends and a byte-order mark; every byte outside the changed values must
come back as it was.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from cjmkit.authoring.csv_export import journey_to_csv
from cjmkit.authoring.csv_merge import merge_csv
from cjmkit.authoring.kpi_update import Metric, plan_updates
from cjmkit.loader import parse
from cjmkit.validation import validate_document
from tests.fuzz.profiles import FUZZ

ODD_SPELLINGS = [
    "1_000.5",
    "+12",
    "~",
    "True",
    "0x1F",
    "'quoted # not a comment'",
    '"double"',
    "2001-12-14 21:59:43.10 -5",
    ".nan",
    "-.inf",
    "0o17",
    "yes",
    "",
]
comment = st.sampled_from(["# why", "#tight", "# TODO: ask", "# é ünïcode"])


@st.composite
def journeys(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A valid journey as hand-written text, and the ids of its KPIs."""
    lines: list[str] = []

    def maybe_comment(indent: int) -> None:
        if draw(st.booleans()):
            lines.append(" " * indent + draw(comment))

    def tail() -> str:
        return f"  {draw(comment)}" if draw(st.integers(0, 3)) == 0 else ""

    maybe_comment(0)
    lines += ["cjm: 1" + tail(), "id: gen" + tail(), "title: Generated" + tail()]
    for n, spelling in enumerate(draw(st.lists(st.sampled_from(ODD_SPELLINGS), max_size=4))):
        lines.append(f"x-v{n}: {spelling}".rstrip() + tail())
    if draw(st.booleans()):
        lines.append("measured: 2020-01-01" + tail())
    lines.append("stages:" + tail())
    kpi_ids: list[str] = []
    for s in range(draw(st.integers(1, 2))):
        maybe_comment(2)
        lines += [f"  - id: s{s}" + tail(), f"    name: Stage {s}", "    touchpoints:"]
        for t in range(draw(st.integers(1, 2))):
            maybe_comment(6)
            lines += [f"      - id: s{s}-t{t}" + tail(), f"        name: 'Touchpoint {t}'" + tail()]
            if draw(st.booleans()):
                lines.append(f"        emotion: {draw(st.integers(-2, 2))}" + tail())
            kpis = draw(st.integers(0, 2))
            if kpis:
                lines.append("        kpis:" + tail())
            for k in range(kpis):
                kid = f"k{s}{t}{k}"
                kpi_ids.append(kid)
                current = draw(st.sampled_from(["", "12", "3.5", "1e3", "+7", "0x1F"]))
                maybe_comment(10)
                if draw(st.booleans()):
                    extra = f", current: {current}" if current else ""
                    lines.append(f"          - {{id: {kid}, name: K{k}{extra}}}" + tail())
                else:
                    lines += [f"          - id: {kid}" + tail(), f"            name: K {k}"]
                    if current:
                        lines.append(f"            current: {current}" + tail())
                    if draw(st.booleans()):
                        lines.append("            target: 25")
    maybe_comment(0)
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    bom = draw(st.sampled_from(["", "\ufeff"]))
    return bom + newline.join(lines) + newline, kpi_ids


def _without_values(text: str) -> list[str]:
    """The lines with every ``current`` value and the ``measured`` line taken out."""
    out = []
    for line in text.splitlines(keepends=True):
        if re.match(r"\ufeff?measured:|\s*current:", line):
            continue
        out.append(re.sub(r", current: [^,}]*", "", line))
    return out


@FUZZ
@given(journeys(), st.data())
def test_kpi_update_changes_only_current_values_and_the_date(
    generated: tuple[str, list[str]], data: st.DataObject
) -> None:
    text, kpi_ids = generated
    assert validate_document(parse(text)).valid
    chosen = data.draw(st.lists(st.sampled_from(kpi_ids), unique=True) if kpi_ids else st.just([]))
    values = {k: data.draw(st.one_of(st.integers(-5, 500), st.floats(0, 1000, allow_nan=False))) for k in chosen}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "gen.cjm.yaml"
        path.write_bytes(text.encode())
        metrics = [Metric(i + 2, "gen", k, v, dt.date(2026, 12, 1)) for i, (k, v) in enumerate(values.items())]
        report = plan_updates(metrics, [path], None, "metrics.csv")
    assert report.ok, report.diagnostics
    if not values:
        assert not report.updates
        return
    (update,) = report.updates
    after = update.text
    # Every line but those holding a current value or the measured date is byte for byte the same.
    assert _without_values(after) == _without_values(text)
    assert after.startswith("\ufeff") == text.startswith("\ufeff")
    new = validate_document(parse(after)).journey
    assert new is not None
    got = {k.id: k.current for _, _, k in new.iter_kpis()}
    for kid, value in values.items():
        assert got[kid] == value
    assert str(new.measured) == "2026-12-01"


@FUZZ
@given(journeys(), st.data())
def test_csv_round_trip_changes_nothing_and_an_edit_changes_one_value(
    generated: tuple[str, list[str]], data: st.DataObject
) -> None:
    text, _ = generated
    journey = validate_document(parse(text)).journey
    assert journey is not None
    sheet = journey_to_csv(journey)
    merged = merge_csv(sheet, "sheet.csv", text, journey)
    assert merged.ok or not merged.diagnostics, merged.diagnostics
    assert merged.text == text
    # Rename one touchpoint in the sheet: only its name changes.
    rows = list(csv.reader(io.StringIO(sheet, newline="")))
    row = data.draw(st.integers(1, len(rows) - 1))
    column = rows[0].index("touchpoint_name")
    old_name = rows[row][column]
    rows[row][column] = "Renamed: it's new"
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    merged = merge_csv(out.getvalue(), "sheet.csv", text, journey)
    assert not merged.diagnostics, merged.diagnostics
    before_lines, after_lines = text.splitlines(keepends=True), merged.text.splitlines(keepends=True)
    assert len(after_lines) == len(before_lines)
    changed = [(a, b) for a, b in zip(before_lines, after_lines, strict=True) if a != b]
    assert len(changed) == 1 and old_name in changed[0][0] and "name: " in changed[0][1]
    renamed = validate_document(parse(merged.text)).journey
    assert renamed is not None
    assert [tp.name for _, _, _, tp in renamed.iter_touchpoints()].count("Renamed: it's new") == 1
