"""``cjm import csv|mermaid`` on damaged and hostile input.

An import either writes a journey that validates, with every value the user
typed kept as text, or writes nothing and says why: never a traceback, never a
file that ``cjm validate`` would reject, never an existing file overwritten.
"""

from __future__ import annotations

import csv
import io
import tempfile
import traceback
from pathlib import Path
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cjmkit.authoring.csv_export import journey_to_csv
from cjmkit.authoring.csv_import import import_csv
from cjmkit.authoring.importing import check_text
from cjmkit.authoring.mermaid import import_mermaid
from cjmkit.cli.app import app
from cjmkit.model import Journey
from tests.fuzz.profiles import FUZZ, scaled
from tests.fuzz.strategies import HOSTILE_STRINGS, free_text, journey_data, raw_bytes

# --------------------------------------------------------------------------
# Inputs


@st.composite
def damaged_csv(draw: st.DrawFn) -> str:
    """A CSV as ``cjm export csv`` writes it, then edited by hand: cells, rows and columns changed."""
    journey = Journey.model_validate(draw(journey_data(max_stages=3, max_touchpoints=3)))
    rows = list(csv.reader(io.StringIO(journey_to_csv(journey))))
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(["cell", "drop-column", "add-row", "drop-row", "blank-cell"]))
        if kind == "cell" and len(rows) > 1:
            r = draw(st.integers(1, len(rows) - 1))
            c = draw(st.integers(0, len(rows[r]) - 1))
            rows[r][c] = draw(st.one_of(free_text(), st.sampled_from(["-1", "1e999", "nan", "9" * 30, "=1+1"])))
        elif kind == "blank-cell" and len(rows) > 1:
            r = draw(st.integers(1, len(rows) - 1))
            rows[r][draw(st.integers(0, len(rows[r]) - 1))] = ""
        elif kind == "drop-column" and rows and len(rows[0]) > 1:
            c = draw(st.integers(0, len(rows[0]) - 1))
            rows = [row[:c] + row[c + 1 :] for row in rows]
        elif kind == "add-row" and rows:
            rows.append([draw(free_text(0)) for _ in rows[0]])
        elif kind == "drop-row" and len(rows) > 1:
            del rows[draw(st.integers(1, len(rows) - 1))]
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


@st.composite
def mermaid_journeys(draw: st.DrawFn) -> str:
    """A Mermaid ``journey`` diagram with hostile titles, sections, tasks, scores and actors."""
    lines = ["journey"]
    if draw(st.booleans()):
        lines.append(f"  title {draw(free_text())}")
    for _ in range(draw(st.integers(0, 3))):
        if draw(st.booleans()):
            lines.append(f"  section {draw(free_text())}")
        for _ in range(draw(st.integers(0, 3))):
            score = draw(st.one_of(st.integers(-3, 9).map(str), free_text()))
            actors = ", ".join(draw(st.lists(free_text(), max_size=3)))
            lines.append(f"    {draw(free_text())}: {score}: {actors}")
    if draw(st.booleans()):
        lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(HOSTILE_STRINGS)))
    text = "\n".join(lines) + "\n"
    return f"# Notes\n\n```mermaid\n{text}```\n" if draw(st.booleans()) else text


# --------------------------------------------------------------------------
# Properties


def _check_result(result: Any, where: Path, shown: str) -> None:
    if result.ok:
        assert check_text(result.text, where / "out.cjm.yaml", None) == [], result.text[:2000]
    else:
        assert result.diagnostics, "an import that fails says why"
        # ...about the file the user gave, never about YAML that was not written.
        assert {d.path for d in result.diagnostics} == {shown}


@FUZZ
@given(st.one_of(damaged_csv(), free_text(0), raw_bytes().map(lambda b: b.decode("utf-8", "replace"))))
def test_csv_import_writes_a_valid_journey_or_says_why(text: str) -> None:
    try:
        result = import_csv(text, "map.csv")
    except Exception:  # pragma: no cover - the failure message is the point
        raise AssertionError(f"import_csv raised on:\n{text[:2000]}\n{traceback.format_exc()}") from None
    _check_result(result, Path(tempfile.gettempdir()), "map.csv")


@FUZZ
@given(st.one_of(mermaid_journeys(), free_text(0)))
def test_mermaid_import_writes_a_valid_journey_or_says_why(text: str) -> None:
    try:
        result = import_mermaid(text, "flow.mmd")
    except Exception:  # pragma: no cover
        raise AssertionError(f"import_mermaid raised on:\n{text[:2000]}\n{traceback.format_exc()}") from None
    _check_result(result, Path(tempfile.gettempdir()), "flow.mmd")


@scaled(3)
@given(kind=st.sampled_from(["csv", "mermaid"]), data=st.data())
def test_import_command_never_crashes_nor_overwrites(kind: str, data: st.DataObject) -> None:
    text = data.draw(damaged_csv() if kind == "csv" else mermaid_journeys())
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / ("map.csv" if kind == "csv" else "flow.mmd")
        source.write_text(text, encoding="utf-8")
        existing = Path(tmp) / "existing.cjm.yaml"
        existing.write_text("precious: true\n", encoding="utf-8")
        for target in (Path(tmp) / "new.cjm.yaml", existing):
            result = CliRunner().invoke(app, ["import", kind, str(source), "-o", str(target)])
            if result.exception is not None and not isinstance(result.exception, SystemExit):
                detail = "".join(traceback.format_exception(result.exception))
                raise AssertionError(f"cjm import {kind} raised on:\n{text[:2000]}\n{detail}")
            assert result.exit_code in (0, 1, 2), result.output
            if target == existing:
                assert existing.read_text(encoding="utf-8") == "precious: true\n", "overwritten without --force"
            elif result.exit_code == 0:
                assert check_text(target.read_text(encoding="utf-8"), target, None) == []
            else:
                assert not target.exists(), "a failed import left a file behind"
