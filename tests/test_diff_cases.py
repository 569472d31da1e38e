"""Worked cases: each kind of change to the Tour De Farce map, found by id and classified."""

from __future__ import annotations

from typing import Any

from cjmkit.diffing import Change, diff_journeys
from diff_helpers import changes_after, edited, journey, stage, touchpoint, tour_data


def only(changes: list[Change], **match: Any) -> Change:
    found = [c for c in changes if all(getattr(c, k) == v for k, v in match.items())]
    assert len(found) == 1, f"expected one change matching {match}, got {changes}"
    return found[0]


def test_the_same_map_has_no_changes() -> None:
    assert diff_journeys(journey(tour_data()), journey(tour_data())) == []


def test_touchpoint_moved_to_another_stage_is_moved_not_removed_and_added() -> None:
    def move(d: dict[str, Any]) -> None:
        research = stage(d, "research")
        tp = next(t for t in research["touchpoints"] if t["id"] == "newsletter")
        research["touchpoints"].remove(tp)
        stage(d, "after-the-trip")["touchpoints"].append(tp)

    changes = changes_after(move)
    assert [(c.kind, c.item, c.id) for c in changes] == [("moved", "touchpoint", "newsletter")]
    assert (changes[0].old, changes[0].new) == ("research", "after-the-trip")
    assert changes[0].impact == "neutral"


def test_renamed_stage_keeps_its_identity() -> None:
    changes = changes_after(lambda d: stage(d, "booking").update(name="Book and pay"))
    c = only(changes, item="stage", id="booking")
    assert (c.kind, c.old, c.new) == ("renamed", "Booking", "Book and pay")
    assert len(changes) == 1


def test_stage_order_change_is_reordered() -> None:
    def swap(d: dict[str, Any]) -> None:
        d["stages"][3], d["stages"][4] = d["stages"][4], d["stages"][3]

    c = only(changes_after(swap), kind="reordered")
    assert c.field == "stages"
    assert c.old[3:5] == ["on-tour", "after-the-trip"]
    assert c.new[3:5] == ["after-the-trip", "on-tour"]


def test_emotion_up_is_an_improvement_and_down_a_regression() -> None:
    up = only(changes_after(lambda d: touchpoint(d, "tour-search").update(emotion=0)), field="emotion")
    assert (up.old, up.new, up.impact) == (-2, 0, "improvement")
    down = only(changes_after(lambda d: touchpoint(d, "newsletter").update(emotion=-1)), field="emotion")
    assert (down.old, down.new, down.impact) == (1, -1, "regression")


def test_new_critical_pain_point_is_a_regression_called_out() -> None:
    def add(d: dict[str, Any]) -> None:
        touchpoint(d, "booking-form").setdefault("pain_points", []).append(
            {"id": "card-declined", "description": "Foreign cards are declined", "severity": "critical"}
        )

    c = only(changes_after(add), id="card-declined")
    assert (c.kind, c.impact, c.callout, c.where) == ("added", "regression", True, "booking-form")


def test_removed_pain_point_and_lowered_severity_are_improvements() -> None:
    def fix(d: dict[str, Any]) -> None:
        tp = touchpoint(d, "tour-search")
        tp["pain_points"] = [p for p in tp["pain_points"] if p["id"] != "no-webmaster"]
        tp["pain_points"][0]["severity"] = "low"
        d["opportunities"] = [o for o in d["opportunities"] if "no-webmaster" not in o["addresses"]]

    changes = changes_after(fix)
    assert only(changes, id="no-webmaster").impact == "improvement"
    lowered = only(changes, id="no-filter", field="severity")
    assert (lowered.old, lowered.new, lowered.impact) == ("high", "low", "improvement")


def test_kpi_moving_toward_or_away_from_target_respects_direction() -> None:
    # tour-page-exit: lower is better (direction down, target 30, current 54)
    better = only(
        changes_after(lambda d: touchpoint(d, "tour-search")["kpis"][1].update(current=41)), id="tour-page-exit"
    )
    assert better.impact == "improvement"
    worse = only(
        changes_after(lambda d: touchpoint(d, "tour-search")["kpis"][0].update(current=9)), id="search-to-booking"
    )
    assert (worse.old, worse.new, worse.impact) == (12, 9, "regression")
    retarget = only(changes_after(lambda d: touchpoint(d, "tour-search")["kpis"][0].update(target=20)), field="target")
    assert retarget.impact == "neutral"


def test_owner_added_removed_and_handed_over() -> None:
    removed = only(changes_after(lambda d: stage(d, "booking").pop("owner")), field="owner")
    assert (removed.old, removed.new, removed.impact) == ("web-team", None, "regression")
    handed = only(changes_after(lambda d: stage(d, "booking").update(owner="sales")), field="owner")
    assert handed.impact == "neutral"

    def unowned_then_owned(d: dict[str, Any]) -> None:
        d["opportunities"][2]["owner"] = "tour-planning"

    base = tour_data()
    del base["opportunities"][2]["owner"]
    new = tour_data()
    unowned_then_owned(new)
    added = only(diff_journeys(journey(base), journey(new)), field="owner")
    assert (added.id, added.impact) == ("itinerary-email", "improvement")


def test_opportunity_advancing_and_dropped() -> None:
    advanced = only(changes_after(lambda d: d["opportunities"][1].update(status="in-progress")), field="status")
    assert (advanced.old, advanced.new, advanced.impact) == ("planned", "in-progress", "improvement")
    dropped = only(changes_after(lambda d: d["opportunities"][0].update(status="dropped")), field="status")
    assert dropped.impact == "regression"
    removed = only(changes_after(lambda d: d["opportunities"].pop(2)), id="itinerary-email")
    assert (removed.kind, removed.impact) == ("removed", "regression")


def test_moment_of_truth_losing_its_kpi_is_a_regression() -> None:
    changes = changes_after(lambda d: touchpoint(d, "booking-form").update(kpis=[]))
    assert only(changes, id="booking-completion").kind == "removed"
    lost = only(changes, item="touchpoint", id="booking-form", field="kpis")
    assert (lost.old, lost.new, lost.impact) == (["booking-completion"], [], "regression")


def test_field_changes_show_old_and_new_values() -> None:
    changes = changes_after(
        lambda d: (
            touchpoint(d, "newsletter").update(channel="social", importance={"customer": 4, "company": 4}),
            d.update(status="hypothesis"),
        )
    )
    assert only(changes, field="channel").old == "email"
    assert (only(changes, field="importance.customer").old, only(changes, field="importance.customer").new) == (3, 4)
    assert only(changes, item="journey", field="status").new == "hypothesis"


def test_evidence_and_local_catalog_entries_are_matched_by_id() -> None:
    def edit(d: dict[str, Any]) -> None:
        d["evidence"].append({"id": "exit-interviews", "kind": "interview", "title": "Exit interviews"})
        d["evidence"][0]["title"] = "Post-booking survey, autumn 2021"
        d["catalog"] = {"teams": [{"id": "webmasters", "name": "Webmasters"}]}

    changes = changes_after(edit)
    assert only(changes, id="exit-interviews").kind == "added"
    assert only(changes, id="survey-2021").kind == "renamed"
    team = only(changes, id="webmasters")
    assert (team.kind, team.item) == ("added", "team")


def test_journey_title_change_is_a_rename() -> None:
    c = only(changes_after(lambda d: d.update(title="Booking a bus tour")), item="journey")
    assert (c.kind, c.old, c.new) == ("renamed", "Booking a cross-country bus tour", "Booking a bus tour")


def test_a_moved_and_rewritten_file_is_recognised_by_its_journey_id() -> None:
    from cjmkit.diffing.pairs import Pair, build_report, match_moved_journeys
    from cjmkit.diffing.sources import Side

    old = journey(tour_data())
    new = journey(edited(lambda d: d.update(title="Booking a tour", purpose="Rewritten from scratch")))
    # What git reports when a file is moved and rewritten in one commit: one deletion, one addition.
    deleted = Pair(Side("main:journeys/tour-booking.cjm.yaml", old), None)
    added = Pair(None, Side("maps/tours.cjm.yaml", new))
    report = build_report(
        match_moved_journeys([deleted, added]),
        "main",
        "working tree",
    )
    (f,) = report.files
    assert (f.status, f.old_path, f.new_path) == (
        "renamed",
        "main:journeys/tour-booking.cjm.yaml",
        "maps/tours.cjm.yaml",
    )
    assert {c.field for c in f.changes} == {"title", "purpose"}
