"""``cjm kpi update --from metrics.csv``: keep KPI values current from real data.

Each CSV row (journey, kpi, value, date) sets that KPI's ``current``; the
journey's ``measured`` date becomes the latest date applied to it.  Files are
edited in round-trip mode, so comments and layout stay as the author wrote them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cjmkit.diagnostics import Diagnostic, Severity
from cjmkit.workspace import Workspace, display_path

METRIC_COLUMNS = ("journey", "kpi", "value", "date")


@dataclass(frozen=True)
class Metric:
    line: int
    journey: str
    kpi: str
    value: int | float
    date: dt.date


@dataclass
class FileUpdate:
    """The new text of one journey file and what changed in it."""

    path: Path
    journey: str
    text: str
    changes: list[str] = field(default_factory=list)


@dataclass
class UpdateReport:
    updates: list[FileUpdate] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.diagnostics


def _number(text: str) -> int | float:
    try:
        return int(text)
    except ValueError:
        value = float(text)
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(text) from None
        return int(value) if value.is_integer() and "." not in text and "e" not in text.lower() else value


def read_metrics(text: str, shown: str) -> tuple[list[Metric], list[Diagnostic]]:
    """The rows of a metrics CSV; every unreadable row is a diagnostic naming its line."""
    diags: list[Diagnostic] = []

    def problem(message: str, line: int, **kw: Any) -> None:
        diags.append(Diagnostic(code="K101", message=message, path=shown, line=line, column=1 if line else 0, **kw))

    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        problem("the metrics file is empty", 1, expected=f"a header row: {', '.join(METRIC_COLUMNS)}")
        return [], diags
    missing = [c for c in METRIC_COLUMNS if c not in header]
    if missing:
        problem(
            f"the metrics file has no {', '.join(missing)} column",
            1,
            expected=f"a header row with the columns {', '.join(METRIC_COLUMNS)}",
            found=", ".join(header) or "an empty row",
        )
        return [], diags
    pos = {c: header.index(c) for c in METRIC_COLUMNS}
    rows: list[Metric] = []
    try:
        for raw in reader:
            line = reader.line_num
            if not any(c.strip() for c in raw):
                continue
            cells = {c: (raw[i].strip() if i < len(raw) else "") for c, i in pos.items()}
            if not cells["journey"] or not cells["kpi"]:
                problem("this row has no journey or no kpi id", line)
                continue
            try:
                value = _number(cells["value"])
            except ValueError:
                problem(f"the value '{cells['value']}' is not a number", line, expected="a number such as 12 or 6.5")
                continue
            try:
                date = dt.date.fromisoformat(cells["date"])
            except ValueError:
                problem(f"the date '{cells['date']}' is not a date", line, expected="a date as YYYY-MM-DD")
                continue
            rows.append(Metric(line, cells["journey"], cells["kpi"], value, date))
    except csv.Error as err:
        problem(f"the metrics file cannot be read: {err}", reader.line_num)
    return rows, diags


def _insert_in_order(mapping: Any, key: str, value: Any, order: list[str]) -> None:
    """Set ``mapping[key]``; a new key goes where the canonical order puts it."""
    if key in mapping:
        mapping[key] = value
        return
    rank = {k: i for i, k in enumerate(order)}
    keys = list(mapping.keys())
    at = next((i for i, k in enumerate(keys) if rank.get(k, len(order)) > rank[key]), len(keys))
    mapping.insert(at, key, value)


def _kpi_maps(data: Any) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for stage in data.get("stages") or []:
        for tp in stage.get("touchpoints") or []:
            for kpi in tp.get("kpis") or []:
                if isinstance(kpi, dict) and isinstance(kpi.get("id"), str):
                    found.setdefault(kpi["id"], kpi)
    return found


def _journey_index(files: list[Path]) -> tuple[dict[str, Path], dict[str, set[str]]]:
    from cjmkit.loader import LoadError, load_file

    paths: dict[str, Path] = {}
    kpis: dict[str, set[str]] = {}
    for path in files:
        try:
            data = load_file(path).data
        except LoadError:
            continue
        jid = data.get("id")
        if isinstance(jid, str) and jid not in paths:
            paths[jid] = path
            kpis[jid] = set(_kpi_maps(data))
    return paths, kpis


def plan_updates(metrics: list[Metric], files: list[Path], workspace: Workspace | None, shown: str) -> UpdateReport:
    """Work out every file's new text (nothing is written here)."""
    from cjmkit.authoring.dates import date_scalar
    from cjmkit.authoring.roundtrip import dump_rt, load_rt
    from cjmkit.loader import parse
    from cjmkit.model.journey import Journey, Kpi
    from cjmkit.suggest import did_you_mean
    from cjmkit.validation import validate_document

    report = UpdateReport()
    paths, kpi_ids = _journey_index(files)
    latest: dict[tuple[str, str], Metric] = {}
    for m in metrics:
        if m.journey not in paths:
            report.diagnostics.append(
                Diagnostic(
                    "K102",
                    f"unknown journey '{m.journey}'",
                    shown,
                    m.line,
                    1,
                    Severity.WARNING,
                    hint=did_you_mean(m.journey, paths),
                    item_id=m.journey,
                )
            )
        elif m.kpi not in kpi_ids[m.journey]:
            report.diagnostics.append(
                Diagnostic(
                    "K103",
                    f"journey '{m.journey}' has no KPI '{m.kpi}'",
                    shown,
                    m.line,
                    1,
                    Severity.WARNING,
                    hint=did_you_mean(m.kpi, kpi_ids[m.journey]),
                    item_id=m.kpi,
                )
            )
        else:
            key = (m.journey, m.kpi)
            if key not in latest or m.date >= latest[key].date:
                latest[key] = m
    by_journey: dict[str, list[Metric]] = {}
    for m in latest.values():
        by_journey.setdefault(m.journey, []).append(m)
    for jid, rows in by_journey.items():
        path = paths[jid]
        original = path.read_text(encoding="utf-8")
        data = load_rt(original)
        kpis = _kpi_maps(data)
        update = FileUpdate(path=path, journey=jid, text=original)
        for m in sorted(rows, key=lambda r: r.line):
            old = kpis[m.kpi].get("current")
            if old != m.value:
                _insert_in_order(kpis[m.kpi], "current", m.value, list(Kpi.model_fields))
                update.changes.append(f"{m.kpi}: {old if old is not None else 'no value'} -> {m.value}")
        measured = max(m.date for m in rows)
        old_measured = data.get("measured")
        if old_measured is None or str(old_measured) < measured.isoformat():
            _insert_in_order(data, "measured", date_scalar(measured), list(Journey.model_fields))
            update.changes.append(f"measured: {old_measured or 'never'} -> {measured.isoformat()}")
        if not update.changes:
            continue
        update.text = dump_rt(data)
        check = validate_document(parse(update.text, display_path(path)), workspace)
        errors = [d for d in check.diagnostics if d.severity.value == "error"]
        if errors:
            report.diagnostics += errors
            report.diagnostics.append(
                Diagnostic("K104", "the journey has problems, so its KPIs were not updated", display_path(path))
            )
            continue
        report.updates.append(update)
    return report
