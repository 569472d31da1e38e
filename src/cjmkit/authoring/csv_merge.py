"""``cjm import csv --update``: a spreadsheet's edits merged into the journey it was exported from.

The sheet carries stages, touchpoints and their pain points, KPIs, backstage steps and
experiences per persona.
Only what it carries is updated, and only where a cell differs from what ``cjm export
csv`` writes for the journey as it stands; everything else (the journey's own fields,
opportunities, evidence, catalogs, ``x-`` keys, comments, layout) stays byte for byte.
Rows added or removed in the sheet add or remove touchpoints (and stages).  So an
export followed by an import with no edit in between changes nothing.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel

from cjmkit.authoring.csv_export import _experience_cells, _stage_cells, _touchpoint_cells
from cjmkit.authoring.csv_format import (
    EXPERIENCE_FIELDS,
    EXPERIENCE_PREFIX,
    KPI_FIELDS,
    PAIN_POINT_FIELDS,
    RATING_COLUMNS,
    STAGE_COLUMNS,
    TOUCHPOINT_COLUMNS,
    experience_column,
    experience_columns,
)
from cjmkit.authoring.csv_import import _experiences, _RowError, _stage, _touchpoint, read_sheet
from cjmkit.authoring.importing import ImportResult
from cjmkit.authoring.yaml_edit import EditError, Path, YamlEdit
from cjmkit.diagnostics import Diagnostic, Severity
from cjmkit.model.journey import Experience, Journey, Kpi, PainPoint, Ratings, Stage, Touchpoint
from cjmkit.workspace import Workspace

#: The keys of a pain point and a KPI that the sheet carries (any other key of theirs is kept).
ITEM_KEYS = {"pain_points": PAIN_POINT_FIELDS, "kpis": KPI_FIELDS}
ITEM_MODELS: dict[str, type[BaseModel]] = {"pain_points": PainPoint, "kpis": Kpi}


@dataclass
class MergeResult:
    """The journey's new text and its old and new model, or why the sheet cannot be merged."""

    text: str = ""
    old: Journey | None = None
    new: Journey | None = None
    notes: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.new is not None and not any(d.severity.value == "error" for d in self.diagnostics)


def _order(model: type[BaseModel]) -> list[str]:
    return list(model.model_fields)


def canonical(data: dict[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    """``data`` with its keys in the model's order (a new item is written as ``cjm fmt`` would)."""
    order = _order(model)
    out = {k: data[k] for k in order if k in data}
    out.update({k: v for k, v in data.items() if k not in out})
    for key, sub in ITEM_MODELS.items():
        if isinstance(out.get(key), list):
            out[key] = [canonical(i, sub) if isinstance(i, dict) else i for i in out[key]]
    if isinstance(out.get("experiences"), list):
        out["experiences"] = [canonical(e, Experience) if isinstance(e, dict) else e for e in out["experiences"]]
    if isinstance(out.get("touchpoints"), list):
        out["touchpoints"] = [canonical(t, Touchpoint) for t in out["touchpoints"]]
    return out


def _same(old: object, new: object) -> bool:
    if isinstance(old, str) and isinstance(new, str):
        return old.strip() == new.strip()
    numbers = isinstance(old, int | float) and isinstance(new, int | float) and not isinstance(old, bool)
    return bool(old == new) and (type(old) is type(new) or numbers)


class _Merger:
    def __init__(self, edit: YamlEdit, data: dict[str, Any], header: list[str]):
        self.edit = edit
        self.data = data
        self.header = set(header)
        #: The personas with a column group in the sheet (a persona whose columns were deleted is not carried).
        self.personas = list(dict.fromkeys(g[0] for c in header if (g := experience_column(c)) is not None))
        self.notes: list[str] = []
        #: Touchpoints whose experiences the sheet puts in another order: the personas in the sheet's order.
        self.orders: dict[str, list[str]] = {}

    def put(self, base: Path, raw: dict[str, Any], key: str, new: Any, model: type[BaseModel]) -> None:
        """Make ``key`` of the mapping at ``base`` hold ``new`` (None: remove the key)."""
        path = (*base, key)
        if new is None or (new == [] and key not in raw):
            if key in raw:
                self.edit.remove(path)
            return
        if key in raw:
            if not _same(raw[key], new):
                self.edit.set(path, new)
            return
        order = _order(model)
        rank = {k: i for i, k in enumerate(order)}
        before = next((k for k in raw if rank.get(k, len(order)) > rank.get(key, len(order))), None)
        self.edit.insert_key(base, key, new, before)

    def items(self, base: Path, raw: dict[str, Any], key: str, new: list[dict[str, Any]]) -> None:
        """Merge a list of items with ids (pain points, KPIs) by id: only the carried keys change."""
        old = raw.get(key)
        if not isinstance(old, list) or not old or not new:
            self.put(base, raw, key, [canonical(n, ITEM_MODELS[key]) for n in new] or None, Touchpoint)
            return
        old_ids = [i.get("id") if isinstance(i, dict) else None for i in old]
        new_ids = [n.get("id") for n in new]
        if not any(i in new_ids for i in old_ids):
            self.edit.set((*base, key), [canonical(n, ITEM_MODELS[key]) for n in new])
            return
        for i, oid in enumerate(old_ids):
            if oid not in new_ids:
                self.edit.remove((*base, key, i))
        for k, item in enumerate(new):
            if item.get("id") in old_ids:
                i = old_ids.index(item.get("id"))
                for carried in ITEM_KEYS[key]:
                    self.put((*base, key, i), old[i], carried, item.get(carried), ITEM_MODELS[key])
            else:
                self.edit.insert_item((*base, key), self._slot(old_ids, new_ids, k), canonical(item, ITEM_MODELS[key]))

    @staticmethod
    def _slot(old_ids: list[Any], new_ids: list[Any], k: int) -> int:
        """Where new item ``k`` goes in the old list: before the next item both lists hold."""
        return next((old_ids.index(i) for i in new_ids[k + 1 :] if i in old_ids), len(old_ids))

    def touchpoint(self, base: Path, raw: dict[str, Any], model: Touchpoint, row: dict[str, str]) -> None:
        cells = _touchpoint_cells(model)
        new = _touchpoint(row)
        for column, key in TOUCHPOINT_COLUMNS.items():
            if column in self.header and row.get(column, "") != cells[column].strip():
                self.put(base, raw, key, new.get(key), Touchpoint)
        for key in ("pain_points", "kpis"):
            if key in self.header and row.get(key, "") != cells[key].strip():
                self.items(base, raw, key, new.get(key, []))
        for measure in ("importance", "performance"):
            columns = [c for c, (m, _) in RATING_COLUMNS.items() if m == measure and c in self.header]
            if not any(row.get(c, "") != cells[c].strip() for c in columns):
                continue
            found = raw.get(measure)
            old: dict[str, Any] = found if isinstance(found, dict) else {}
            sides = {
                side: (new.get(measure, {}).get(side) if f"{measure}_{side}" in self.header else old.get(side))
                for side in ("customer", "company")
            }
            sides = {s: v for s, v in sides.items() if v is not None}
            if not sides or not old:
                self.put(base, raw, measure, sides or None, Touchpoint)
            else:
                for side in ("customer", "company"):
                    self.put((*base, measure), old, side, sides.get(side), Ratings)
        self.experiences(base, raw, model, row)

    def experiences(self, base: Path, raw: dict[str, Any], model: Touchpoint, row: dict[str, str]) -> None:
        """Merge the persona column groups by persona: only the cells that changed change their keys."""
        cells = _experience_cells(model)
        columns = [c for p in self.personas for c in experience_columns(p) if c in self.header]
        if not any(row.get(c, "") != cells.get(c, "").strip() for c in columns):
            return
        new = [canonical(e, Experience) for e in _experiences({c: row.get(c, "") for c in columns})]
        found = raw.get("experiences")
        old: list[Any] = found if isinstance(found, list) else []
        old_ids = [e.get("persona") if isinstance(e, dict) else None for e in old]
        new_ids = [e["persona"] for e in new]
        kept = [p for p in old_ids if p not in self.personas]  # not carried by the sheet: left as they are
        if not old or (not new and not kept):
            self.put(base, raw, "experiences", new or None, Touchpoint)
            return
        path = (*base, "experiences")
        for i, persona in enumerate(old_ids):
            if persona in self.personas and persona not in new_ids:
                self.edit.remove((*path, i))
        for k, exp in enumerate(new):
            persona = exp["persona"]
            if persona not in old_ids:
                self.edit.insert_item(path, self._slot(old_ids, new_ids, k), exp)
                continue
            i = old_ids.index(persona)
            for key, column in zip(EXPERIENCE_FIELDS, experience_columns(persona)[1:], strict=True):
                if column in self.header and row.get(column, "") != cells.get(column, "").strip():
                    self.put((*path, i), old[i], key, exp.get(key), Experience)
        if [p for p in old_ids if p in new_ids] != [p for p in new_ids if p in old_ids]:
            self.orders[model.id] = new_ids  # the lines move once every edit is made: see _reorder_experiences

    def stage(self, base: Path, raw: dict[str, Any], model: Stage, journey: Journey, row: dict[str, str]) -> None:
        cells = _stage_cells(journey, model)
        new = _stage(row)
        for column, key in STAGE_COLUMNS.items():
            if column in self.header and row.get(column, "") != cells[column].strip():
                self.put(base, raw, key, new.get(key), Stage)


def merge_csv(
    text: str,
    shown: str,
    journey_text: str,
    journey: Journey,
    workspace: Workspace | None = None,
    journey_shown: str = "journey.cjm.yaml",
) -> MergeResult:
    """The journey in ``journey_text`` (valid, as ``journey``) with the sheet ``text`` merged in.

    Problems of the sheet, and of the journey the merge would make, are in ``diagnostics``.
    """
    from cjmkit.loader import parse

    result = MergeResult(old=journey)
    scratch = ImportResult()

    def problem(message: str, line: int = 0, severity: Severity = Severity.ERROR, hint: str | None = None) -> None:
        result.diagnostics.append(
            Diagnostic("I101", message, shown, line, 1 if line else 0, severity=severity, hint=hint)
        )

    sheet = read_sheet(text, scratch, problem)
    result.notes += scratch.notes
    if sheet is None or result.diagnostics:
        return result
    header, rows = sheet
    if not rows:
        problem("the CSV has no rows with a stage", 1)
        return result
    # The sheet, stage by stage: the first row of each stage and its touchpoint rows.
    sheet_stages: Sheet = {}
    for line, row in rows:
        tps = sheet_stages.setdefault(row["stage"], (row, []))[1]
        if row.get("touchpoint"):
            tps.append((line, row))
        try:
            _stage(row)
            if row.get("touchpoint"):
                _touchpoint(row)
        except _RowError as err:
            problem(str(err), line)
    if result.diagnostics:
        return result

    data = parse(journey_text).data
    edit = YamlEdit(journey_text)
    merger = _Merger(edit, data, header)
    try:
        moved = moved_touchpoints(journey, sheet_stages)
        _merge_stages(merger, journey, data, sheet_stages, moved)
        first_row = rows[0][1]
        if "journey_title" in header and first_row.get("journey_title") and first_row["journey_title"] != journey.title:
            merger.put((), data, "title", first_row["journey_title"], Journey)
        result.text = edit.text()
        if merger.orders:
            result.text = _reorder_experiences(result.text, merger.orders, merger.notes)
        result.notes += merger.notes
        if moved:
            result.text = _move_touchpoints(result.text, sheet_stages, moved)
    except EditError as err:
        problem(f"cjm cannot merge the sheet into the journey without rewriting it: {err}")
        return result
    if result.text != journey_text:
        result.diagnostics += _problems_in_sheet(result.text, journey_shown, shown, rows, workspace)
    return result


def _problems_in_sheet(
    text: str, journey_shown: str, shown: str, rows: list[tuple[int, dict[str, str]]], workspace: Workspace | None
) -> list[Diagnostic]:
    """The errors the merged journey would have, each at the sheet row and column it came from where it did
    (the merged file was never written, so its own lines would point nowhere)."""
    import re
    from pathlib import Path as FilePath

    from cjmkit.authoring.csv_import import csv_column
    from cjmkit.authoring.importing import check_text
    from cjmkit.loader import LoadError, parse

    problems = check_text(text, FilePath(journey_shown), workspace)
    if not problems:
        return []
    try:
        data = parse(text).data
    except LoadError:  # the problems already say why it does not load
        return problems
    tp_line = {row["touchpoint"]: line for line, row in reversed(rows) if row.get("touchpoint")}
    stage_line = {row["stage"]: line for line, row in reversed(rows)}
    out = []
    for d in problems:
        match = re.match(r"stages\[(\d+)\](?:\.touchpoints\[(\d+)\])?", d.key_path)
        line = None
        try:
            if match is not None:
                stage = data["stages"][int(match[1])]
                if match[2] is not None:
                    line = tp_line.get(stage["touchpoints"][int(match[2])]["id"])
                else:
                    line = stage_line.get(stage["id"])
        except (KeyError, IndexError, TypeError):
            line = None
        column = csv_column(d.key_path) or _experience_column(data, d.key_path)
        if line is None or column is None:
            out.append(d)
            continue
        hint = f"fix the value in the column '{column}'" + (f"; {d.hint}" if d.hint else "")
        out.append(dataclasses.replace(d, path=shown, line=line, column=1, hint=hint))
    return out


def _experience_column(data: dict[str, Any], key_path: str) -> str | None:
    """The persona column a key path into a touchpoint's experiences came from (None for any other path)."""
    import re

    match = re.match(r"stages\[(\d+)\]\.touchpoints\[(\d+)\]\.experiences\[(\d+)\](?:\.(\w+))?", key_path)
    if match is None:
        return None
    try:
        persona = data["stages"][int(match[1])]["touchpoints"][int(match[2])]["experiences"][int(match[3])]["persona"]
    except (KeyError, IndexError, TypeError):
        return None
    if not isinstance(persona, str):
        return None
    column = (
        experience_columns(persona)[0] if match[4] in (None, "persona") else f"{EXPERIENCE_PREFIX}{persona}:{match[4]}"
    )
    return column if column in experience_columns(persona) else None


Sheet = dict[str, tuple[dict[str, str], list[tuple[int, dict[str, str]]]]]


def moved_touchpoints(journey: Journey, sheet: Sheet) -> set[str]:
    """The touchpoints the sheet puts in another stage than the journey does."""
    home = {tp.id: stage.id for stage in journey.stages for tp in stage.touchpoints}
    placed = {row["touchpoint"]: sid for sid, (_, tps) in sheet.items() for _, row in tps}
    return {tid for tid, sid in placed.items() if home.get(tid, sid) != sid}


def _merge_stages(merger: _Merger, journey: Journey, data: dict[str, Any], sheet: Sheet, moved: set[str]) -> None:
    """The sheet's edits, made in place. A touchpoint the sheet ``moved`` to another stage is
    updated where it stands, and the stage it leaves stays: :func:`_move_touchpoints` then
    moves its lines, comments and all, so nothing the sheet does not carry is lost."""
    edit = merger.edit
    old_ids = [s.id for s in journey.stages]
    new_ids = list(sheet)
    rows = {row["touchpoint"]: row for _, tps in sheet.values() for _, row in tps}
    if not moved and not any(i in new_ids for i in old_ids):
        edit.set(("stages",), [_new_stage(first, tps, moved) for first, tps in sheet.values()])
        return
    for i, sid in enumerate(old_ids):
        if sid in new_ids:
            continue
        stage = journey.stages[i]
        if not any(tp.id in moved for tp in stage.touchpoints):
            edit.remove(("stages", i))
            continue
        for j, tp in enumerate(stage.touchpoints):  # the stage goes once they have moved out
            if tp.id in moved:
                merger.touchpoint(("stages", i, "touchpoints", j), data["stages"][i]["touchpoints"][j], tp, rows[tp.id])
    for k, (sid, (first, tps)) in enumerate(sheet.items()):
        if sid not in old_ids:
            edit.insert_item(("stages",), _Merger._slot(old_ids, new_ids, k), _new_stage(first, tps, moved))
            continue
        i = old_ids.index(sid)
        stage, raw = journey.stages[i], data["stages"][i]
        merger.stage(("stages", i), raw, stage, journey, first)
        old_tps = [tp.id for tp in stage.touchpoints]
        new_tps = [row["touchpoint"] for _, row in tps]
        kept = [t for t in old_tps if t in new_tps or t in moved]
        base: Path = ("stages", i, "touchpoints")
        if not kept:
            fresh = [canonical(_touchpoint(row), Touchpoint) for _, row in tps if row["touchpoint"] not in moved]
            merger.put(("stages", i), raw, "touchpoints", fresh or ([] if old_tps else None), Stage)
            continue
        for j, tid in enumerate(old_tps):
            if tid in moved:
                merger.touchpoint((*base, j), raw["touchpoints"][j], stage.touchpoints[j], rows[tid])
            elif tid not in new_tps:
                edit.remove((*base, j))
        for k2, (_, row) in enumerate(tps):
            tid = row["touchpoint"]
            if tid in moved:
                continue
            if tid in old_tps:
                j = old_tps.index(tid)
                merger.touchpoint((*base, j), raw["touchpoints"][j], stage.touchpoints[j], row)
            else:
                edit.insert_item(base, _Merger._slot(old_tps, new_tps, k2), canonical(_touchpoint(row), Touchpoint))


def _move_touchpoints(text: str, sheet: Sheet, moved: set[str]) -> str:
    """``text`` with each moved touchpoint's lines (its comments and every key) in the stage the
    sheet puts it in, in the sheet's order; a stage the sheet no longer has goes."""
    from cjmkit.loader import parse

    data = parse(text).data
    edit = YamlEdit(text)
    stage_ids = [s["id"] for s in data["stages"]]
    lists = [[tp["id"] for tp in s.get("touchpoints") or []] for s in data["stages"]]
    lines = {
        tid: edit.item_lines(("stages", i, "touchpoints", j))
        for i, ids in enumerate(lists)
        for j, tid in enumerate(ids)
        if tid in moved
    }
    for i, sid in enumerate(stage_ids):
        base: Path = ("stages", i, "touchpoints")
        if sid not in sheet:
            edit.remove(("stages", i))
            continue
        order = [row["touchpoint"] for _, row in sheet[sid][1]]
        incoming = [t for t in order if t in moved and t not in lists[i]]
        staying = [t for t in lists[i] if t not in moved]
        leaving = [j for j, t in enumerate(lists[i]) if t in moved]
        if not staying:
            if incoming or leaving:
                through = max((edit.item_span((*base, j))[1] for j in leaving), default=None)
                edit.replace_list_with_lines(base, [lines[t] for t in incoming], through)
            continue
        for j in leaving:
            edit.take_item((*base, j))
        for k, tid in enumerate(order):
            if tid in incoming:
                after = next((t for t in order[k + 1 :] if t in staying), None)
                edit.insert_item_lines(base, None if after is None else lists[i].index(after), lines[tid])
    return edit.text()


def _reorder_experiences(text: str, orders: dict[str, list[str]], notes: list[str]) -> str:
    """``text`` with the experiences of each touchpoint in ``orders`` in the sheet's order, each moved
    with its lines as written (comments included); those the sheet does not carry keep their places."""
    from cjmkit.loader import parse

    data = parse(text).data
    edit = YamlEdit(text)
    for i, stage in enumerate(data["stages"]):
        for j, tp in enumerate(stage.get("touchpoints") or []):
            want = orders.get(tp.get("id"))
            found = tp.get("experiences")
            if want is None or not isinstance(found, list):
                continue
            now = [e.get("persona") if isinstance(e, dict) else None for e in found]
            ordered = iter([p for p in want if p in now])
            target = [next(ordered) if p in want else p for p in now]
            if target == now:
                continue
            path: Path = ("stages", i, "touchpoints", j, "experiences")
            try:
                if len(set(now)) != len(now):
                    raise EditError("a persona has two experiences there")
                lines = {p: edit.item_lines((*path, k)) for k, p in enumerate(now)}
                through = edit.item_span((*path, len(now) - 1))[1]
                edit.replace_list_with_lines(path, [lines[p] for p in target], through)
            except EditError:  # a flow list, or lines cjm cannot move as written
                notes.append(
                    f"the experiences of touchpoint {tp.get('id')} keep their order in the journey file, "
                    "where cjm cannot move them as written: reorder them there"
                )
    return edit.text()


def _new_stage(first: dict[str, str], tps: list[tuple[int, dict[str, str]]], moved: set[str]) -> dict[str, Any]:
    """A stage the sheet adds, with its new touchpoints (those it moves in come after, as they are)."""
    stage = _stage(first)
    stage["touchpoints"] = [_touchpoint(row) for _, row in tps if row["touchpoint"] not in moved]
    if not stage["touchpoints"]:
        del stage["touchpoints"]
    return canonical(stage, Stage)
