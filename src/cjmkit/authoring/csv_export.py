"""``cjm export csv``: a journey as a spreadsheet, one row per touchpoint."""

from __future__ import annotations

import csv
import io

from cjmkit import facts
from cjmkit.authoring.csv_format import (
    COLUMNS,
    EXPERIENCE_FIELDS,
    EXPERIENCE_LISTS,
    experience_columns,
    join_fields,
    join_list,
    protect_cell,
)
from cjmkit.model.base import Number
from cjmkit.model.journey import Journey, Ratings, Stage, Touchpoint


def number_text(value: Number | None) -> str:
    return "" if value is None else str(value)


def _rating(ratings: Ratings | None, side: str) -> str:
    value = getattr(ratings, side) if ratings is not None else None
    return "" if value is None else str(value)


def _stage_cells(journey: Journey, stage: Stage) -> dict[str, str]:
    return {
        "journey": journey.id,
        "journey_title": journey.title,
        "stage": stage.id,
        "stage_name": stage.name,
        "stage_description": stage.description or "",
        "stage_owner": stage.owner or "",
        "stage_phase": stage.phase or "",
        "stage_goal": stage.goal or "",
        "stage_quotes": join_list(stage.quotes),
    }


def _touchpoint_cells(tp: Touchpoint) -> dict[str, str]:
    return {
        "touchpoint": tp.id,
        "touchpoint_name": tp.name,
        "description": tp.description or "",
        "channel": tp.channel or "",
        "owner": tp.owner or "",
        "personas": join_list(tp.personas),
        "actions": join_list(tp.actions),
        "thoughts": join_list(tp.thoughts),
        "feelings": join_list(tp.feelings),
        "emotion": number_text(tp.emotion),
        "desired_emotion": number_text(tp.desired_emotion),
        "importance_customer": _rating(tp.importance, "customer"),
        "importance_company": _rating(tp.importance, "company"),
        "performance_customer": _rating(tp.performance, "customer"),
        "performance_company": _rating(tp.performance, "company"),
        "moment_of_truth": "yes" if tp.moment_of_truth else "",
        "next": join_list(tp.next),
        "backstage": "\n".join(join_fields([b.team or "", b.system or "", b.process or ""]) for b in tp.backstage),
        "pain_points": "\n".join(
            join_fields([p.id, p.severity or "", p.description, " ".join(p.evidence)]) for p in tp.pain_points
        ),
        "kpis": "\n".join(
            join_fields(
                [
                    k.id,
                    k.name,
                    k.unit or "",
                    number_text(k.target),
                    number_text(k.current),
                    k.direction,
                    k.cadence or "",
                    k.owner or "",
                    k.description or "",
                ]
            )
            for k in tp.kpis
        ),
        "evidence": join_list(tp.evidence),
    }


def _experience_cells(tp: Touchpoint) -> dict[str, str]:
    cells: dict[str, str] = {}
    for position, exp in enumerate(tp.experiences, 1):
        group = experience_columns(exp.persona)
        cells[group[0]] = str(position)
        for column, key in zip(group[1:], EXPERIENCE_FIELDS, strict=True):
            value = getattr(exp, key)
            cells[column] = join_list(value) if key in EXPERIENCE_LISTS else number_text(value)
    return cells


def sheet_columns(journey: Journey) -> list[str]:
    """The fixed columns, then one column group per persona with an experience in the journey."""
    return [*COLUMNS, *(c for p in facts.experience_personas(journey) for c in experience_columns(p))]


def journey_rows(journey: Journey) -> list[dict[str, str]]:
    columns = sheet_columns(journey)
    rows = []
    for stage in journey.stages:
        base = _stage_cells(journey, stage)
        if not stage.touchpoints:
            rows.append({c: base.get(c, "") for c in columns})
        for tp in stage.touchpoints:
            cells = {**base, **_touchpoint_cells(tp), **_experience_cells(tp)}
            rows.append({c: cells.get(c, "") for c in columns})
    return rows


def journey_to_csv(journey: Journey) -> str:
    """The journey as CSV text (RFC 4180, UTF-8, CRLF line ends as spreadsheets expect)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    columns = sheet_columns(journey)
    writer.writerow(columns)
    for row in journey_rows(journey):
        writer.writerow([protect_cell(row[c]) for c in columns])
    return out.getvalue()
