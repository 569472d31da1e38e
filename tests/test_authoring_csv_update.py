"""cjm import csv --update: the sheet's edits merged into the journey; everything else stays byte for byte."""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.authoring_helpers import comments, example_journeys
from tests.conftest import EXAMPLES, Result

Cjm = Callable[..., Result]
TOUR = "journeys/tour-booking.cjm.yaml"
TEMPLATES = ["b2b", "b2c", "employee", "performance", "saas", "tactical"]


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    shutil.copytree(EXAMPLES, root)
    return root


def _export(cjm: Cjm, ws: Path, journey: str) -> list[dict[str, str]]:
    res = cjm("export", "csv", journey, cwd=ws)
    assert res.exit_code == 0, res.stderr
    return list(csv.DictReader(io.StringIO(res.stdout)))


def _write_sheet(path: Path, rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), newline="")


def _round_trip(cjm: Cjm, ws: Path, journey: str) -> Result:
    res = cjm("export", "csv", journey, "-o", "sheet.csv", "--force", cwd=ws)
    assert res.exit_code == 0, res.stderr
    return cjm("import", "csv", "sheet.csv", "-o", journey, "--update", cwd=ws)


@pytest.mark.parametrize("path", example_journeys(), ids=lambda p: p.name)
def test_export_then_import_changes_no_byte_of_an_example(cjm: Cjm, ws: Path, path: Path) -> None:
    journey = f"journeys/{path.name}"
    before = (ws / journey).read_bytes()
    res = _round_trip(cjm, ws, journey)
    assert res.exit_code == 0, res.stdout + res.stderr
    assert "nothing changed" in res.stdout
    assert (ws / journey).read_bytes() == before


@pytest.mark.parametrize("template", TEMPLATES)
def test_export_then_import_changes_no_byte_of_a_new_map(cjm: Cjm, ws: Path, template: str) -> None:
    focus = ["--focus", "tour-booking/tour-search"] if template == "tactical" else []
    res = cjm("new", "fresh", "-t", template, *focus, "-o", "journeys/fresh.cjm.yaml", cwd=ws)
    assert res.exit_code == 0, res.stderr
    before = (ws / "journeys/fresh.cjm.yaml").read_bytes()
    res = _round_trip(cjm, ws, "journeys/fresh.cjm.yaml")
    assert res.exit_code == 0, res.stdout + res.stderr
    assert (ws / "journeys/fresh.cjm.yaml").read_bytes() == before


def test_edits_in_the_sheet_update_only_what_they_touch(cjm: Cjm, ws: Path) -> None:
    before = (ws / TOUR).read_text()
    rows = _export(cjm, ws, TOUR)
    by_id = {r["touchpoint"]: r for r in rows}
    by_id["tour-search"]["touchpoint_name"] = "Searches tours on the new site"
    by_id["tour-search"]["pain_points"] = by_id["tour-search"]["pain_points"].replace(" | high | ", " | critical | ")
    by_id["newsletter"]["emotion"] = "2"
    _write_sheet(ws / "sheet.csv", rows)
    res = cjm("import", "csv", "sheet.csv", "-o", TOUR, "--update", cwd=ws)
    assert res.exit_code == 0, res.stdout + res.stderr
    after = (ws / TOUR).read_text()
    # The words of cjm diff say what changed.
    assert 'touchpoint tour-search renamed: "Searches tours on the web site" -> "Searches tours on the new site"' in (
        res.stdout
    )
    assert "severity high -> critical" in res.stdout
    assert "3 changes" in res.stdout
    expected = (
        before.replace("name: Searches tours on the web site", "name: Searches tours on the new site")
        .replace("tour page\n            severity: high", "tour page\n            severity: critical")
        .replace("feelings: [Curious]\n        emotion: 1", "feelings: [Curious]\n        emotion: 2")
    )
    assert after == expected
    assert comments(after) == comments(before)


def test_rows_added_and_removed_add_and_remove_touchpoints(cjm: Cjm, ws: Path) -> None:
    before = (ws / TOUR).read_text()
    rows = _export(cjm, ws, TOUR)
    review = next(r for r in rows if r["touchpoint"] == "review-request")
    rows.remove(review)
    for row in rows:  # what led to it now leads nowhere
        row["next"] = "\n".join(n for n in row["next"].splitlines() if n != "review-request")
    added = {**rows[0], "touchpoint": "flyer", "touchpoint_name": "Picks up a flyer", "pain_points": "", "kpis": ""}
    added.update({"next": "", "backstage": "", "channel": "", "owner": "", "actions": "", "importance_customer": ""})
    rows.insert(1, added)
    _write_sheet(ws / "sheet.csv", rows)
    res = cjm("import", "csv", "sheet.csv", "-o", TOUR, "--update", cwd=ws)
    assert res.exit_code == 0, res.stdout + res.stderr
    after = (ws / TOUR).read_text()
    assert 'touchpoint flyer "Picks up a flyer" added' in res.stdout
    assert "review-request" in res.stdout and "removed" in res.stdout
    assert "id: review-request" not in after
    assert "      - id: flyer\n        name: Picks up a flyer\n" in after
    # What the sheet does not carry is still there: the journey's fields, opportunities, evidence, comments.
    for line in before.splitlines():
        if line.startswith(("owner:", "purpose:", "status:", "updated:", "opportunities:", "evidence:")):
            assert line in after.splitlines()
    assert after.count("  - id: add-filters") == before.count("  - id: add-filters") == 1
    assert comments(after) == comments(before)


def test_a_question_in_a_list_cell_is_written_quoted(cjm: Cjm, ws: Path) -> None:
    # Inside [a, b] PyYAML ends plain text at '?' or ':', so such items must be quoted.
    before = (ws / TOUR).read_text()
    rows = _export(cjm, ws, TOUR)
    newsletter = next(r for r in rows if r["touchpoint"] == "newsletter")
    newsletter["thoughts"] = "Is it cheap?\nWhere: Spain"
    _write_sheet(ws / "sheet.csv", rows)
    res = cjm("import", "csv", "sheet.csv", "-o", TOUR, "--update", cwd=ws)
    assert res.exit_code == 0, res.stdout + res.stderr
    assert (ws / TOUR).read_text() == before.replace(
        "thoughts: [That looks like a trip I could take]", 'thoughts: ["Is it cheap?", "Where: Spain"]'
    )
    assert cjm("validate", TOUR, cwd=ws).exit_code == 0


def test_force_still_merges(cjm: Cjm, ws: Path) -> None:
    before = (ws / TOUR).read_bytes()
    cjm("export", "csv", TOUR, "-o", "sheet.csv", cwd=ws)
    res = cjm("import", "csv", "sheet.csv", "-o", TOUR, "--force", cwd=ws)
    assert res.exit_code == 0, res.stdout + res.stderr
    assert (ws / TOUR).read_bytes() == before


def test_crlf_and_byte_order_mark_survive_an_update(cjm: Cjm, ws: Path) -> None:
    path = ws / TOUR
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    rows = _export(cjm, ws, TOUR)
    rows[0]["touchpoint_name"] = "Reads the newsletter"
    _write_sheet(ws / "sheet.csv", rows)
    res = cjm("import", "csv", "sheet.csv", "-o", TOUR, "--update", cwd=ws)
    assert res.exit_code == 0, res.stdout + res.stderr
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\n") == raw.count(b"\r\n")
    assert b"name: Reads the newsletter\r\n" in raw


def test_an_invalid_journey_is_not_merged_into(cjm: Cjm, ws: Path) -> None:
    cjm("export", "csv", TOUR, "-o", "sheet.csv", cwd=ws)
    path = ws / TOUR
    broken = path.read_text().replace("review_every: 90", "review_every: soon")
    path.write_text(broken)
    res = cjm("import", "csv", "sheet.csv", "-o", TOUR, "--update", cwd=ws)
    assert res.exit_code == 1, res.stdout + res.stderr
    assert "Traceback" not in res.stderr
    assert path.read_text() == broken


def test_a_merge_that_would_break_a_reference_names_the_sheet_row(cjm: Cjm, ws: Path) -> None:
    before = (ws / TOUR).read_text()
    rows = _export(cjm, ws, TOUR)
    rows = [r for r in rows if r["touchpoint"] != "review-request"]  # still named in another row's next
    _write_sheet(ws / "sheet.csv", rows)
    res = cjm("import", "csv", "sheet.csv", "-o", TOUR, "--update", cwd=ws)
    assert res.exit_code == 1, res.stdout + res.stderr
    assert "unknown next touchpoint 'review-request'" in res.stdout
    reader = csv.reader(io.StringIO((ws / "sheet.csv").read_text(), newline=""))
    column = next(reader).index("next")
    line = next(reader.line_num for r in reader if "review-request" in r[column].splitlines())
    assert f"sheet.csv:{line}:1:" in res.stdout
    assert "column 'next'" in res.stdout
    assert (ws / TOUR).read_text() == before


def test_mermaid_force_lists_what_replacing_the_journey_loses(cjm: Cjm, ws: Path) -> None:
    assert cjm("render", TOUR, "-f", "mermaid", "-o", "tour.mmd", cwd=ws).exit_code == 0
    res = cjm("import", "mermaid", "tour.mmd", "-o", TOUR, cwd=ws)
    assert res.exit_code == 2 and "already exists" in res.stderr
    res = cjm("import", "mermaid", "tour.mmd", "-o", TOUR, "--force", cwd=ws)
    assert res.exit_code == 0, res.stdout + res.stderr
    assert res.stdout.startswith(f"replaced {TOUR} (journey ")
    assert 'opportunity add-filters "Add filters by country, price and length to the tour page" removed' in res.stdout
    assert "created" not in res.stdout


def _block(text: str, first: str, end: str) -> str:
    """The lines of ``text`` from the line holding ``first`` up to (not including) the line holding ``end``."""
    start = text.index(first)
    start = text.rindex("\n", 0, start) + 1
    stop = text.rindex("\n", 0, text.index(end, start)) + 1
    return text[start:stop]


def test_a_touchpoint_moved_to_another_stage_keeps_its_comments_and_keys(cjm: Cjm, ws: Path) -> None:
    # What the sheet does not carry (a comment, an x- key, the evidence list) moves with the touchpoint.
    path = ws / TOUR
    path.write_text(
        path.read_text()
        .replace(
            "      - id: itinerary-login\n",
            "      # Seen in every survey since 2021.\n      - id: itinerary-login\n        x-jira: WEB-412\n",
        )
        .replace("emotion: -1\n        desired_emotion: 1\n", "emotion: -1  # low\n        desired_emotion: 1\n")
    )
    before = path.read_text()
    rows = _export(cjm, ws, TOUR)
    login = next(r for r in rows if r["touchpoint"] == "itinerary-login")
    rows.remove(login)
    login.update({k: v for k, v in rows[0].items() if k.startswith("stage")})
    on_tour = next(r for r in rows if r["stage"] == "on-tour")
    login.update({k: v for k, v in on_tour.items() if k.startswith("stage")})
    login["emotion"] = "0"
    rows.insert(rows.index(on_tour), login)  # first in 'On tour', before 'departure'
    _write_sheet(ws / "sheet.csv", rows)

    res = cjm("import", "csv", "sheet.csv", "-o", TOUR, "--update", cwd=ws)
    assert res.exit_code == 0, res.stdout + res.stderr
    after = path.read_text()
    moved = _block(before, "# Seen in every survey", "  - id: on-tour").rstrip("\n") + "\n"  # the blank line stays
    assert moved.endswith("evidence: [survey-2021]\n")
    expected = before.replace(moved, "").replace(
        "    touchpoints:\n      - id: departure\n",
        "    touchpoints:\n" + moved.rstrip("\n").replace("emotion: -1  # low", "emotion: 0  # low") + "\n"
        "      - id: departure\n",
    )
    assert after == expected
    assert comments(after) == comments(before)
    assert cjm("validate", TOUR, cwd=ws).exit_code == 0


def test_a_renamed_stage_keeps_its_touchpoints_as_written(cjm: Cjm, ws: Path) -> None:
    # A new stage id in the sheet is a new stage; the touchpoints it takes over move with every line.
    path = ws / TOUR
    path.write_text(path.read_text().replace("- id: review-request\n", "- id: review-request  # asked by e-mail\n"))
    before = path.read_text()
    rows = _export(cjm, ws, TOUR)
    for row in rows:
        if row["stage"] == "after-the-trip":
            row["stage"], row["stage_name"] = "follow-up", "Follow-up"
    _write_sheet(ws / "sheet.csv", rows)

    res = cjm("import", "csv", "sheet.csv", "-o", TOUR, "--update", cwd=ws)
    assert res.exit_code == 0, res.stdout + res.stderr
    after = path.read_text()
    touchpoint = _block(before, "      - id: review-request", "  - id: leaving")
    assert "owner: marketing" in touchpoint and "review-rate" in touchpoint
    assert touchpoint.rstrip("\n") in after
    assert "  - id: follow-up\n    name: Follow-up\n" in after and "after-the-trip" not in after
    assert comments(after) == comments(before)
    assert cjm("validate", TOUR, cwd=ws).exit_code == 0


def test_touchpoints_swapped_between_stages_and_a_stage_emptied_lose_nothing(cjm: Cjm, ws: Path) -> None:
    before = (ws / TOUR).read_text()
    rows = _export(cjm, ws, TOUR)
    stage_cells = {r["stage"]: {k: v for k, v in r.items() if k.startswith("stage")} for r in rows}
    by_id = {r["touchpoint"]: r for r in rows if r["touchpoint"]}
    by_id["newsletter"].update(stage_cells["on-tour"])  # research <-> on tour
    by_id["departure"].update(stage_cells["research"])
    by_id["confirmation-email"].update(stage_cells["booking"])  # 'Before the trip' is left with none
    by_id["itinerary-login"].update(stage_cells["booking"])
    order = ["departure", "tour-search", "booking-form", "confirmation-email", "itinerary-login", "newsletter"]
    rows.sort(key=lambda r: order.index(r["touchpoint"]) if r["touchpoint"] in order else len(order))
    empty = {**stage_cells["before-the-trip"], **{k: "" for k in rows[0] if not k.startswith(("stage", "journey"))}}
    rows.insert(5, {**rows[0], **empty})
    rows.sort(key=lambda r: list(stage_cells).index(r["stage"]))  # stable: stages in the journey's order
    _write_sheet(ws / "sheet.csv", rows)

    res = cjm("import", "csv", "sheet.csv", "-o", TOUR, "--update", cwd=ws)
    assert res.exit_code == 0, res.stdout + res.stderr
    after = (ws / TOUR).read_text()
    assert comments(after) == comments(before)
    for first, end in [
        ("      - id: newsletter", "      - id: tour-search"),
        ("      - id: departure", "  - id: after-the-trip"),
        ("      - id: confirmation-email", "      - id: itinerary-login"),
        ("      - id: itinerary-login", "  - id: on-tour"),
    ]:
        assert _block(before, first, end).rstrip("\n") in after, first
    assert '    quotes: ["I had to log in three times to find my itinerary."]\n    touchpoints: []\n' in after
    check = cjm("export", "csv", TOUR, cwd=ws)
    placed = [(r["stage"], r["touchpoint"]) for r in csv.DictReader(io.StringIO(check.stdout))]
    assert placed[:7] == [
        ("research", "departure"),
        ("research", "tour-search"),
        ("booking", "booking-form"),
        ("booking", "confirmation-email"),
        ("booking", "itinerary-login"),
        ("before-the-trip", ""),
        ("on-tour", "newsletter"),
    ]
    assert cjm("validate", TOUR, cwd=ws).exit_code == 0


SAAS = "journeys/social-suite.cjm.yaml"


def _update(cjm: Cjm, ws: Path, rows: list[dict[str, str]], journey: str = SAAS) -> Result:
    _write_sheet(ws / "sheet.csv", rows)
    res = cjm("import", "csv", "sheet.csv", "-o", journey, "--update", cwd=ws)
    assert res.exit_code == 0, res.stdout + res.stderr
    assert "persona columns" not in res.stdout
    return res


def test_a_persona_emotion_edited_in_the_sheet_changes_only_that_line(cjm: Cjm, ws: Path) -> None:
    path = ws / SAAS
    path.write_text(
        path.read_text().replace(
            "          - persona: small-business-owner\n            emotion: 1\n            feelings: [Relieved]\n",
            "          - persona: small-business-owner  # from the 2026 interviews\n"
            "            emotion: 1\n            feelings: [Relieved]\n",
        )
    )
    before = path.read_text()
    rows = _export(cjm, ws, SAAS)
    article = next(r for r in rows if r["touchpoint"] == "content-article")
    article["experience:small-business-owner:emotion"] = "2"
    _update(cjm, ws, rows)
    after = path.read_text()
    assert after == before.replace(
        "# from the 2026 interviews\n            emotion: 1\n", "# from the 2026 interviews\n            emotion: 2\n"
    )
    assert comments(after) == comments(before)
    assert cjm("validate", SAAS, cwd=ws).exit_code == 0


def test_a_persona_experience_filled_in_the_sheet_is_added_in_its_position(cjm: Cjm, ws: Path) -> None:
    before = (ws / SAAS).read_text()
    rows = _export(cjm, ws, SAAS)
    article = next(r for r in rows if r["touchpoint"] == "content-article")
    article["personas"] = "social-manager\nagency-director\nsmall-business-owner"
    article["experience:agency-director"] = "2"  # between the two it has
    article["experience:agency-director:emotion"] = "-1"
    article["experience:agency-director:feelings"] = "Skeptical"
    article["experience:small-business-owner"] = "3"
    demo = next(r for r in rows if r["touchpoint"] == "sales-demo")  # no experiences yet
    demo["experience:enterprise-lead:emotion"] = "-1"
    demo["experience:enterprise-lead:pain_points"] = "slow-security-review"
    _update(cjm, ws, rows)
    after = (ws / SAAS).read_text()
    expected = (
        before.replace(
            "personas: [social-manager, small-business-owner]\n        actions: [Searches",
            "personas: [social-manager, agency-director, small-business-owner]\n        actions: [Searches",
        )
        .replace(
            "            feelings: [Curious]\n          - persona: small-business-owner\n",
            "            feelings: [Curious]\n"
            "          - persona: agency-director\n            emotion: -1\n            feelings: [Skeptical]\n"
            "          - persona: small-business-owner\n",
        )
        .replace(
            "            owner: sales\n      - id: checkout\n",
            "            owner: sales\n        experiences:\n          - persona: enterprise-lead\n"
            "            emotion: -1\n            pain_points: [slow-security-review]\n      - id: checkout\n",
        )
    )
    assert after == expected
    assert cjm("validate", SAAS, cwd=ws).exit_code == 0


def test_a_persona_experience_cleared_in_the_sheet_is_removed(cjm: Cjm, ws: Path) -> None:
    before = (ws / SAAS).read_text()
    rows = _export(cjm, ws, SAAS)
    research = next(r for r in rows if r["touchpoint"] == "comparison-research")
    article = next(r for r in rows if r["touchpoint"] == "content-article")
    for column in research:
        if column.startswith("experience:enterprise-lead"):
            research[column] = ""
        if column.startswith("experience:"):  # every persona of the article: its experiences key goes
            article[column] = ""
    _update(cjm, ws, rows)
    after = (ws / SAAS).read_text()
    expected = before.replace(
        "          - persona: enterprise-lead\n            emotion: 0\n"
        '            thoughts: ["Is there single sign-on and an audit log?"]\n',
        "",
    ).replace(
        "        experiences:\n          - persona: social-manager\n"
        "            emotion: 1\n            feelings: [Curious]\n"
        "          - persona: small-business-owner\n            emotion: 1\n            feelings: [Relieved]\n"
        '            thoughts: ["Maybe this takes an hour a week, not a day."]\n',
        "",
    )
    assert after == expected
    assert cjm("validate", SAAS, cwd=ws).exit_code == 0


def test_a_moved_touchpoint_keeps_its_experiences_and_their_edits(cjm: Cjm, ws: Path) -> None:
    before = (ws / SAAS).read_text()
    rows = _export(cjm, ws, SAAS)
    research = next(r for r in rows if r["touchpoint"] == "comparison-research")
    rows.remove(research)
    article = next(r for r in rows if r["touchpoint"] == "content-article")
    research.update({k: v for k, v in article.items() if k.startswith("stage")})
    research["experience:agency-director:emotion"] = "-2"
    rows.insert(rows.index(article) + 1, research)  # in 'Need', after the article
    res = _update(cjm, ws, rows)
    after = (ws / SAAS).read_text()
    assert "comparison-research" in res.stdout
    moved = _block(before, "      - id: comparison-research", "  - id: decide-and-buy").rstrip("\n") + "\n"
    assert "          - persona: agency-director\n            emotion: -1\n" in moved
    assert (
        moved.replace(
            "persona: agency-director\n            emotion: -1", "persona: agency-director\n            emotion: -2"
        )
        in after
    )
    options = _block(before, "  - id: options", "  - id: decide-and-buy")
    edited = moved.replace(
        "persona: agency-director\n            emotion: -1", "persona: agency-director\n            emotion: -2"
    )
    article_end = '            thoughts: ["Maybe this takes an hour a week, not a day."]\n'
    expected = before.replace(options, "").replace(article_end, article_end + edited)
    assert after == expected
    assert comments(after) == comments(before)
    assert cjm("validate", SAAS, cwd=ws).exit_code == 0


def test_persona_columns_deleted_from_the_sheet_leave_those_experiences_alone(cjm: Cjm, ws: Path) -> None:
    before = (ws / SAAS).read_text()
    rows = _export(cjm, ws, SAAS)
    for row in rows:
        for column in [c for c in row if c.startswith("experience:enterprise-lead")]:
            del row[column]
    research = next(r for r in rows if r["touchpoint"] == "comparison-research")
    research["experience:social-manager:feelings"] = "Overwhelmed\nTired"
    _update(cjm, ws, rows)
    assert (ws / SAAS).read_text() == before.replace(
        "          - persona: social-manager\n            emotion: 0\n            feelings: [Overwhelmed]\n",
        "          - persona: social-manager\n            emotion: 0\n            feelings: [Overwhelmed, Tired]\n",
    )


def test_experiences_reordered_in_the_sheet_move_with_their_lines(cjm: Cjm, ws: Path) -> None:
    path = ws / SAAS
    owner = "          - persona: small-business-owner\n            emotion: 1\n            feelings: [Hopeful]\n"
    path.write_text(path.read_text().replace(owner, owner.replace("emotion: 1", "emotion: 1  # one interview")))
    before = path.read_text()
    rows = _export(cjm, ws, SAAS)
    research = next(r for r in rows if r["touchpoint"] == "comparison-research")
    assert [research[f"experience:{p}"] for p in ("social-manager", "agency-director", "small-business-owner")] == [
        "1",
        "2",
        "4",
    ]
    research["experience:small-business-owner"] = "1"  # first, then the others in their order
    research["experience:small-business-owner:emotion"] = "2"
    research["experience:social-manager"], research["experience:agency-director"] = "2", "3"
    research["experience:enterprise-lead"] = "4"
    _update(cjm, ws, rows)
    after = path.read_text()
    old_owner = owner.replace("emotion: 1", "emotion: 1  # one interview")
    new_owner = owner.replace("emotion: 1", "emotion: 2  # one interview")
    first = "        experiences:\n          - persona: social-manager\n            emotion: 0\n"
    assert before.count(first) == 1
    expected = before.replace(old_owner, "").replace(
        first, "        experiences:\n" + new_owner + first.replace("        experiences:\n", "")
    )
    assert after == expected
    assert comments(after) == comments(before)
    assert cjm("validate", SAAS, cwd=ws).exit_code == 0


def test_a_persona_value_out_of_range_names_its_sheet_row_and_column(cjm: Cjm, ws: Path) -> None:
    before = (ws / SAAS).read_text()
    rows = _export(cjm, ws, SAAS)
    next(r for r in rows if r["touchpoint"] == "content-article")["experience:social-manager:emotion"] = "7"
    _write_sheet(ws / "sheet.csv", rows)
    res = cjm("import", "csv", "sheet.csv", "-o", SAAS, "--update", cwd=ws)
    assert res.exit_code == 1, res.stdout + res.stderr
    reader = csv.reader(io.StringIO((ws / "sheet.csv").read_text(), newline=""))
    column = next(reader).index("touchpoint")
    line = next(reader.line_num for r in reader if r[column] == "content-article")
    assert f"sheet.csv:{line}:1: error[E134] emotion 7 is out of range" in res.stdout
    assert "fix the value in the column 'experience:social-manager:emotion'" in res.stdout
    assert (ws / SAAS).read_text() == before


def test_experiences_in_a_flow_list_keep_their_order_and_a_note_says_so(cjm: Cjm, ws: Path) -> None:
    path = ws / SAAS
    block = (
        "        experiences:\n          - persona: social-manager\n            emotion: 1\n"
        "            feelings: [Curious]\n          - persona: small-business-owner\n            emotion: 1\n"
        "            feelings: [Relieved]\n"
        '            thoughts: ["Maybe this takes an hour a week, not a day."]\n'
    )
    flow = (
        "        experiences: [{persona: social-manager, emotion: 1, feelings: [Curious]},"
        " {persona: small-business-owner, emotion: 1, feelings: [Relieved],"
        ' thoughts: ["Maybe this takes an hour a week, not a day."]}]\n'
    )
    path.write_text(path.read_text().replace(block, flow))
    before = path.read_bytes()
    rows = _export(cjm, ws, SAAS)
    article = next(r for r in rows if r["touchpoint"] == "content-article")
    article["experience:social-manager"], article["experience:small-business-owner"] = "2", "1"
    res = _update(cjm, ws, rows)
    assert "nothing changed" in res.stdout
    assert "note: the experiences of touchpoint content-article keep their order in the journey file" in res.stdout
    assert path.read_bytes() == before
