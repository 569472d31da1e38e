"""Properties that hold for any pair of journeys: matching by id, and reading a diff backwards."""

from __future__ import annotations

from collections import Counter
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from cjmkit.diffing import Change, diff_journeys
from cjmkit.model import Journey

TEAMS = [None, "web-team", "marketing", "cx-team"]
SEVERITIES = [None, "low", "medium", "high", "critical"]
STATUSES = ["idea", "planned", "in-progress", "done", "dropped"]
EMOTIONS = [None, -2, -1, 0, 1, 2]
NAMES = ["Research", "Book", "Pay", "Travel", "Review"]


@st.composite
def journeys(draw: st.DrawFn) -> Journey:
    """A small journey whose ids come from fixed pools, so two draws share some ids and not others."""
    stage_ids = draw(st.lists(st.sampled_from(["research", "booking", "trip", "review"]), min_size=1, unique=True))
    stages: list[dict[str, Any]] = [
        {"id": s, "name": draw(st.sampled_from(NAMES)), "owner": draw(st.sampled_from(TEAMS)), "touchpoints": []}
        for s in stage_ids
    ]
    pains = iter(draw(st.permutations([f"pain-{i}" for i in range(12)])))
    kpis = iter(draw(st.permutations([f"kpi-{i}" for i in range(6)])))
    for tp_id in draw(st.lists(st.sampled_from([f"tp-{i}" for i in range(6)]), unique=True)):
        tp: dict[str, Any] = {
            "id": tp_id,
            "name": draw(st.sampled_from(["Search", "Form", "E-mail", "Call"])),
            "owner": draw(st.sampled_from(TEAMS)),
            "emotion": draw(st.sampled_from(EMOTIONS)),
            "moment_of_truth": draw(st.booleans()),
            "pain_points": [
                {"id": next(pains), "description": "Slow page", "severity": draw(st.sampled_from(SEVERITIES))}
                for _ in range(draw(st.integers(0, 2)))
            ],
            "kpis": [
                {
                    "id": next(kpis),
                    "name": "Conversion",
                    "target": draw(st.sampled_from([None, 25])),
                    "current": draw(st.sampled_from([None, 10, 20, 30])),
                    "direction": draw(st.sampled_from(["up", "down"])),
                }
                for _ in range(draw(st.integers(0, 1)))
            ],
        }
        draw(st.sampled_from(stages))["touchpoints"].append(tp)
    opportunities = [
        {"id": o, "title": "Fix it", "status": draw(st.sampled_from(STATUSES)), "owner": draw(st.sampled_from(TEAMS))}
        for o in draw(st.lists(st.sampled_from(["filters", "webmaster", "e-mail"]), unique=True))
    ]
    return Journey.model_validate(
        {"cjm": 1, "id": "tour-booking", "title": "Booking a tour", "stages": stages, "opportunities": opportunities}
    )


def ids(j: Journey) -> dict[str, set[str]]:
    return {
        "stage": {s.id for s in j.stages},
        "touchpoint": {tp.id for _, _, _, tp in j.iter_touchpoints()},
        "pain point": {pp.id for _, _, pp in j.iter_pain_points()},
        "KPI": {k.id for _, _, k in j.iter_kpis()},
        "opportunity": {o.id for o in j.opportunities},
    }


MIRROR_KIND = {"added": "removed", "removed": "added"}
MIRROR_IMPACT = {"improvement": "regression", "regression": "improvement", "neutral": "neutral"}


def key(c: Change) -> tuple[Any, ...]:
    return (c.kind, c.item, c.id, c.field, c.impact, repr(c.old), repr(c.new))


def mirrored(c: Change) -> tuple[Any, ...]:
    return (MIRROR_KIND.get(c.kind, c.kind), c.item, c.id, c.field, MIRROR_IMPACT[c.impact], repr(c.new), repr(c.old))


@settings(max_examples=150, deadline=None)
@given(journeys())
def test_a_journey_against_itself_has_no_changes(a: Journey) -> None:
    assert diff_journeys(a, a) == []


@settings(max_examples=150, deadline=None)
@given(journeys(), journeys())
def test_ids_on_one_side_only_are_exactly_the_added_and_removed(a: Journey, b: Journey) -> None:
    changes = diff_journeys(a, b)
    before, after = ids(a), ids(b)
    for kind in before:
        added = {c.id for c in changes if c.item == kind and c.kind == "added"}
        removed = {c.id for c in changes if c.item == kind and c.kind == "removed"}
        assert added == after[kind] - before[kind]
        assert removed == before[kind] - after[kind]


@settings(max_examples=150, deadline=None)
@given(journeys(), journeys())
def test_swapping_sides_swaps_added_removed_and_improvement_regression(a: Journey, b: Journey) -> None:
    forward = Counter(mirrored(c) for c in diff_journeys(a, b))
    backward = Counter(key(c) for c in diff_journeys(b, a))
    assert forward == backward
