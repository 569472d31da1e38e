"""``cjm kpi update --from metrics.csv``: keep KPI values current from real data.

Each CSV row (journey, kpi, value, date) sets that KPI's ``current``; the
journey's ``measured`` date becomes the latest date applied to it.  Files are
edited in place (:mod:`cjmkit.authoring.yaml_edit`): only those values change,
every other byte stays as the author wrote it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cjmkit.diagnostics import Diagnostic, Severity
from cjmkit.fileio import Snapshot
from cjmkit.loader import Document
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
    snapshot: Snapshot | None = None  # the file as read: it is only replaced if it still holds that
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


def _key_before(present: Any, key: str, order: list[str]) -> str | None:
    """The existing key a new ``key`` goes before, so keys stay in canonical order (None: last)."""
    rank = {k: i for i, k in enumerate(order)}
    return next((k for k in present if rank.get(k, len(order)) > rank[key]), None)


Where = tuple[str | int, ...]


def _kpi_paths(data: Any) -> dict[str, Where]:
    """The key path of every KPI in a journey, by id (the first one wins); any shape is walked safely."""
    found: dict[str, Where] = {}
    stages = data.get("stages") if isinstance(data, dict) else None
    for i, stage in enumerate(stages if isinstance(stages, list) else []):
        tps = stage.get("touchpoints") if isinstance(stage, dict) else None
        for j, tp in enumerate(tps if isinstance(tps, list) else []):
            kpis = tp.get("kpis") if isinstance(tp, dict) else None
            for k, kpi in enumerate(kpis if isinstance(kpis, list) else []):
                if isinstance(kpi, dict) and isinstance(kpi.get("id"), str):
                    found.setdefault(kpi["id"], ("stages", i, "touchpoints", j, "kpis", k))
    return found


@dataclass
class _Loaded:
    """A journey file as read for updating: its text, snapshot and parsed document."""

    text: str
    snapshot: Snapshot
    doc: Document


def _journey_index(
    files: list[Path], named: set[str]
) -> tuple[dict[str, Path], dict[str, set[str]], dict[str, _Loaded], list[Diagnostic]]:
    """Each journey's file and KPI ids, by journey id, and the files of the ``named`` journeys as read;
    files that cannot be read are reported."""
    from cjmkit.authoring.yaml_edit import read_for_edit
    from cjmkit.loader import LoadError, parse

    paths: dict[str, Path] = {}
    kpis: dict[str, set[str]] = {}
    loaded: dict[str, _Loaded] = {}
    problems: list[Diagnostic] = []
    for path in files:
        shown = display_path(path)
        try:
            text, snapshot = read_for_edit(path, shown)
            doc = parse(text, shown)
        except LoadError as err:
            first = err.diagnostics[0]
            problems.append(
                Diagnostic(
                    "K105",
                    f"this file cannot be read ({first.message}), so its KPIs cannot be updated",
                    shown,
                    first.line,
                    first.column,
                    Severity.WARNING,
                    hint="run 'cjm validate' on it",
                )
            )
            continue
        jid = doc.data.get("id")
        if isinstance(jid, str) and jid not in paths:
            paths[jid] = path
            kpis[jid] = set(_kpi_paths(doc.data))
            if jid in named:  # kept for the update: the file is read once
                loaded[jid] = _Loaded(text, snapshot, doc)
    return paths, kpis, loaded, problems


def _same_data(a: object, b: object) -> bool:
    """Equal data, where a NaN equals a NaN (the file may hold ``.nan`` in an ``x-`` key)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same_data(v, b[k]) for k, v in a.items())
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same_data(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float) and a != a and b != b:
        return True
    return type(a) is type(b) and bool(a == b)


def _value_at(data: Any, where: Where) -> Any:
    node = data
    for part in where:
        node = node[part]
    return node


def plan_updates(metrics: list[Metric], files: list[Path], workspace: Workspace | None, shown: str) -> UpdateReport:
    """Work out every file's new text (nothing is written here).

    Only the ``current`` values and the ``measured`` date change: every other byte of the file
    (comments, quoting, spelling of other values, line ends) stays as it was.
    """
    from cjmkit.authoring.yaml_edit import EditError, YamlEdit
    from cjmkit.loader import LoadError, parse
    from cjmkit.model.journey import Journey, Kpi
    from cjmkit.suggest import did_you_mean
    from cjmkit.validation import validate_document

    report = UpdateReport()
    paths, kpi_ids, loaded, unreadable = _journey_index(files, {m.journey for m in metrics})
    report.diagnostics += unreadable
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
    kpi_order = list(Kpi.model_fields)
    journey_order = list(Journey.model_fields)
    for jid, rows in by_journey.items():
        path = paths[jid]
        where_shown = display_path(path)
        file = loaded.pop(jid)
        data = file.doc.data
        check = validate_document(file.doc, workspace)
        errors = [d for d in check.diagnostics if d.severity.value == "error"]
        if errors:
            report.diagnostics += errors
            report.diagnostics.append(
                Diagnostic("K104", "the journey has problems, so its KPIs were not updated", where_shown)
            )
            continue
        kpis = _kpi_paths(data)
        update = FileUpdate(path=path, journey=jid, text=file.text, snapshot=file.snapshot)
        try:
            # Only the KPIs in the metrics are read for editing: a large map is not built in full.
            edit = YamlEdit(file.text, only=[kpis[m.kpi] for m in rows] + [("measured",)])
            for m in sorted(rows, key=lambda r: r.line):
                where = kpis[m.kpi]
                kpi = _value_at(data, where)
                old = kpi.get("current")
                if old == m.value and not isinstance(old, bool):
                    continue
                if edit.has((*where, "current")):
                    edit.set((*where, "current"), m.value)
                else:
                    before = _key_before(edit.node(where).keys_raw(), "current", kpi_order)
                    edit.insert_key(where, "current", m.value, before)
                kpi["current"] = m.value  # what the file must read back as
                update.changes.append(f"{m.kpi}: {old if old is not None else 'no value'} -> {m.value}")
            measured = max(m.date for m in rows)
            old_measured = data.get("measured")
            if old_measured is None or str(old_measured) < measured.isoformat():
                if edit.has(("measured",)):
                    edit.set(("measured",), measured)
                else:
                    before = _key_before(edit.root.keys_raw(), "measured", journey_order)
                    edit.insert_key((), "measured", measured, before)
                data["measured"] = measured.isoformat()
                update.changes.append(f"measured: {old_measured or 'never'} -> {measured.isoformat()}")
            if update.changes:
                update.text = edit.text()
        except EditError as err:
            report.diagnostics.append(
                Diagnostic("K106", f"cjm cannot update this file in place: {err}", where_shown, severity=Severity.ERROR)
            )
            continue
        if not update.changes:
            continue
        # The new text must read back as the old data with just these values changed.
        try:
            same = _same_data(parse(update.text, where_shown).data, data)
        except LoadError:
            same = False
        if not same:
            report.diagnostics.append(
                Diagnostic("K106", "cjm could not update this file in place safely; it was left as it is", where_shown)
            )
            continue
        report.updates.append(update)
    return report
