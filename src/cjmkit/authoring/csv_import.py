"""``cjm import csv``: a spreadsheet (in the layout of ``cjm export csv``) back into a journey file."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from typing import Any

from cjmkit.authoring.csv_format import (
    BACKSTAGE_FIELDS,
    COLUMNS,
    EXPERIENCE_LISTS,
    KPI_FIELDS,
    PAIN_POINT_FIELDS,
    STAGE_COLUMNS,
    experience_column,
    known_column,
    split_fields,
    split_list,
    unprotect_cell,
)
from cjmkit.authoring.importing import ImportResult, add_missing_definitions, finish, source_name
from cjmkit.diagnostics import Diagnostic, Severity
from cjmkit.workspace import Workspace

_REQUIRED = ("stage", "stage_name")
_TRUE = {"yes", "y", "true", "1", "x"}
_FALSE = {"", "no", "n", "false", "0"}


class _RowError(Exception):
    pass


def _number(text: str, column: str) -> int | float:
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        raise _RowError(f"'{text}' in column {column} is not a number") from None


def _int(text: str, column: str) -> int:
    value = _number(text, column)
    if isinstance(value, float):
        if not value.is_integer():
            raise _RowError(f"'{text}' in column {column} must be a whole number")
        return int(value)
    return value


def _items(cell: str, names: tuple[str, ...], column: str) -> list[dict[str, str]]:
    out = []
    for line in cell.splitlines():
        if not line.strip():
            continue
        values = split_fields(line)
        if len(values) > len(names):
            raise _RowError(
                f"column {column} has {len(values)} fields separated by '|' on one line; "
                f"expected at most {len(names)} ({' | '.join(names)})"
            )
        out.append({k: v for k, v in zip(names, values, strict=False) if v})
    return out


def _touchpoint(row: dict[str, str]) -> dict[str, Any]:
    tp: dict[str, Any] = {"id": row["touchpoint"], "name": row.get("touchpoint_name") or row["touchpoint"]}
    for key in ("description", "channel", "owner"):
        if row.get(key):
            tp[key] = row[key]
    for key in ("personas", "actions", "thoughts", "feelings"):
        if row.get(key):
            tp[key] = split_list(row[key])
    for key in ("emotion", "desired_emotion"):
        if row.get(key):
            tp[key] = _int(row[key], key)
    for measure in ("importance", "performance"):
        ratings = {
            side: _int(row[f"{measure}_{side}"], f"{measure}_{side}")
            for side in ("customer", "company")
            if row.get(f"{measure}_{side}")
        }
        if ratings:
            tp[measure] = ratings
    mot = row.get("moment_of_truth", "").strip().lower()
    if mot in _TRUE:
        tp["moment_of_truth"] = True
    elif mot not in _FALSE:
        raise _RowError(f"'{row['moment_of_truth']}' in column moment_of_truth: write yes or leave it empty")
    if row.get("next"):
        tp["next"] = split_list(row["next"])
    if row.get("backstage"):
        tp["backstage"] = _items(row["backstage"], BACKSTAGE_FIELDS, "backstage")
    if row.get("pain_points"):
        pains = _items(row["pain_points"], PAIN_POINT_FIELDS, "pain_points")
        for p in pains:
            if "evidence" in p:
                p["evidence"] = p["evidence"].split()  # type: ignore[assignment]
        tp["pain_points"] = [{k: p[k] for k in ("id", "description", "severity", "evidence") if k in p} for p in pains]
    if row.get("kpis"):
        kpis: list[dict[str, Any]] = []
        for k in _items(row["kpis"], KPI_FIELDS, "kpis"):
            kpi: dict[str, Any] = {}
            for key in ("id", "name", "description", "unit", "target", "current", "direction", "cadence", "owner"):
                if key in k:
                    kpi[key] = _number(k[key], f"kpis ({key})") if key in ("target", "current") else k[key]
            kpis.append(kpi)
        tp["kpis"] = kpis
    if row.get("evidence"):
        tp["evidence"] = split_list(row["evidence"])
    if experiences := _experiences(row):
        tp["experiences"] = experiences
    return tp


def _experiences(row: dict[str, str]) -> list[dict[str, Any]]:
    """The persona column groups of a row, in the order their position cells give."""
    found: dict[str, dict[str, Any]] = {}
    positions: dict[str, int] = {}
    for column, cell in row.items():
        parsed = experience_column(column)
        if parsed is None or not cell:
            continue
        persona, key = parsed
        exp = found.setdefault(persona, {"persona": persona})
        if key is None:
            positions[persona] = _int(cell, column)
        elif key in EXPERIENCE_LISTS:
            exp[key] = split_list(cell)
        else:
            exp[key] = _int(cell, column)
    order = list(found)
    return [found[p] for p in sorted(order, key=lambda p: (positions.get(p, len(order) + 1), order.index(p)))]


def _stage(row: dict[str, str]) -> dict[str, Any]:
    stage: dict[str, Any] = {"id": row["stage"], "name": row.get("stage_name") or row["stage"]}
    for col, key in STAGE_COLUMNS.items():
        if key not in ("name", "quotes") and row.get(col):  # the name is set above, quotes are a list
            stage[key] = row[col]
    if row.get("stage_quotes"):
        stage["quotes"] = split_list(row["stage_quotes"])
    stage["touchpoints"] = []
    return stage


Problem = Callable[..., None]
Rows = list[tuple[int, dict[str, str]]]


def read_sheet(
    text: str, result: ImportResult, problem: Problem
) -> tuple[list[str], list[tuple[int, dict[str, str]]]] | None:
    """The column names and the non-empty rows (with their line) of a CSV in the export layout.

    Unreadable input, a missing required column or a row without a stage is reported through
    ``problem``; None when nothing can be read at all.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        problem("the CSV file is empty", 1, hint=f"the first row names the columns: {', '.join(COLUMNS[:4])}, ...")
        return None
    except csv.Error as err:
        problem(f"the CSV file cannot be read: {err}", 1)
        return None
    names = [unprotect_cell(h).strip().lower() for h in header]
    missing = [c for c in _REQUIRED if c not in names]
    if missing:
        problem(
            f"the CSV has no {' or '.join(missing)} column",
            1,
            hint="export a journey with 'cjm export csv' to see the expected columns",
        )
        return None
    unknown = [n for n in names if n and not known_column(n)]
    if unknown:
        result.notes.append(f"ignored columns this format does not know: {', '.join(unknown)}")
    rows: Rows = []
    try:
        for raw in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in raw):
                continue
            row = {n: unprotect_cell(v).strip() for n, v in zip(names, raw, strict=False) if known_column(n)}
            if not row.get("stage"):
                problem("this row has no stage id", line, hint="every row belongs to a stage: fill in the stage column")
                continue
            rows.append((line, row))
    except csv.Error as err:
        problem(f"the CSV file cannot be read: {err}", reader.line_num)
    return [n for n in names if known_column(n)], rows


def import_csv(
    text: str,
    shown: str,
    *,
    workspace: Workspace | None = None,
    journey_id: str | None = None,
    title: str | None = None,
) -> ImportResult:
    """Turn CSV text into journey YAML; problems name the CSV line."""
    from cjmkit.authoring.importing import slugify

    result = ImportResult()

    def problem(message: str, line: int = 0, severity: Severity = Severity.ERROR, hint: str | None = None) -> None:
        result.diagnostics.append(
            Diagnostic(
                code="I101",
                message=message,
                path=shown,
                line=line,
                column=1 if line else 0,
                severity=severity,
                hint=hint,
            )
        )

    sheet = read_sheet(text, result, problem)
    if sheet is None:
        return result
    rows = sheet[1]
    stages: dict[str, dict[str, Any]] = {}
    first_row: dict[str, str] | None = None
    for line, row in rows:
        first_row = first_row or row
        try:
            stage = stages.get(row["stage"])
            if stage is None:
                stage = stages[row["stage"]] = _stage(row)
                result.lines[(len(stages) - 1,)] = line
                result.lines.setdefault((), line)
            if row.get("touchpoint"):
                stage["touchpoints"].append(_touchpoint(row))
                result.lines[(list(stages).index(row["stage"]), len(stage["touchpoints"]) - 1)] = line
        except _RowError as err:
            problem(str(err), line)
    if result.diagnostics:
        return result
    if not stages:
        problem("the CSV has no rows with a stage", 1)
        return result
    jid = journey_id or (first_row or {}).get("journey") or slugify(shown.rsplit("/", 1)[-1].split(".")[0], "journey")
    data: dict[str, Any] = {
        "cjm": 1,
        "id": jid,
        "title": title or (first_row or {}).get("journey_title") or jid,
    }
    personas: list[str] = []
    for stage in stages.values():
        for tp in stage["touchpoints"]:
            personas += [p for p in tp.get("personas", []) if p not in personas]
            personas += [e["persona"] for e in tp.get("experiences", []) if e["persona"] not in personas]
        if not stage["touchpoints"]:
            del stage["touchpoints"]
    # The persona column groups follow the journey's persona order: keep it, so an export of the import matches.
    groups = [g[0] for n in sheet[0] if (g := experience_column(n)) is not None and g[1] is None]
    seen = list(personas)
    personas.sort(key=lambda p: (groups.index(p) if p in groups else len(groups), seen.index(p)))
    if personas:
        data["personas"] = personas
    data["stages"] = list(stages.values())
    result.journey_id = jid
    result.notes += add_missing_definitions(data, workspace)
    # Only the file's name goes into the map: the folder it was read from is the importer's machine.
    comment = f"Imported from {source_name(shown)} by cjm import csv.\nReview it, then run cjm fmt."
    return finish(result, data, comment, shown, workspace, csv_column)


def csv_column(key_path: str) -> str | None:
    """The CSV column a key path of the imported journey came from.

    ``stages[0].touchpoints[1].name`` came from ``touchpoint_name``; None when no column holds it.
    """
    parts = re.sub(r"\[\d+\]", "", key_path).split(".")
    if parts[:2] == ["stages", "touchpoints"] and len(parts) > 2:
        key = parts[2]
        column = {"id": "touchpoint", "name": "touchpoint_name"}.get(key, key)
        if column.startswith(("importance", "performance")) and len(parts) > 3:
            column = f"{column}_{parts[3]}"
    elif parts[:1] == ["stages"] and len(parts) > 1:
        column = {"id": "stage", "name": "stage_name", "quotes": "stage_quotes"}.get(parts[1], f"stage_{parts[1]}")
    else:
        column = {"id": "journey", "title": "journey_title"}.get(parts[0], "")
    return column if column in COLUMNS else None
