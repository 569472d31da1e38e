"""``# cjm: disable=`` comments hide accepted findings, and only those."""

from __future__ import annotations

from lint_helpers import TOUR, findings_of, lint_text

UNOWNED = TOUR.replace("        owner: web-team\n        emotion: 1\n", "        emotion: 1\n")
ITEM = "      - id: booking-form\n"


def test_the_unsuppressed_finding_is_there():
    assert [d.item_id for d in findings_of("touchpoint-unowned", lint_text(UNOWNED))] == ["booking-form"]


def test_a_comment_at_the_end_of_the_item_line_hides_it():
    text = UNOWNED.replace(
        ITEM, "      - id: booking-form  # cjm: disable=touchpoint-unowned owned by the new webmaster\n"
    )
    diags = lint_text(text)
    assert findings_of("touchpoint-unowned", diags) == []
    assert diags == []


def test_a_comment_on_the_line_above_hides_it_and_a_code_works_like_a_name():
    text = UNOWNED.replace(ITEM, "      # cjm: disable=L104\n" + ITEM)
    assert findings_of("touchpoint-unowned", lint_text(text)) == []


def test_a_comment_for_another_rule_or_another_line_hides_nothing():
    other_rule = UNOWNED.replace(ITEM, "      # cjm: disable=stage-unowned\n" + ITEM)
    assert findings_of("touchpoint-unowned", lint_text(other_rule))
    other_line = UNOWNED.replace(
        "        name: Fills in the booking form and pays\n",
        "        name: Fills in the booking form and pays  # cjm: disable=touchpoint-unowned\n",
    )
    assert findings_of("touchpoint-unowned", lint_text(other_line))


def test_a_comment_for_several_rules():
    text = UNOWNED.replace("        channel: website\n        emotion: 1\n", "        emotion: 1\n")
    assert {d.rule for d in lint_text(text)} == {"touchpoint-without-channel", "touchpoint-unowned"}
    hidden = text.replace(ITEM, "      # cjm: disable=touchpoint-unowned, touchpoint-without-channel\n" + ITEM)
    assert lint_text(hidden) == []


def test_disable_file_hides_the_rule_everywhere_in_the_file():
    text = TOUR.replace("    owner: marketing\n    phase: acquisition\n", "    phase: acquisition\n").replace(
        "    owner: web-team\n    phase: acquisition\n", "    phase: acquisition\n"
    )
    assert len(findings_of("stage-unowned", lint_text(text))) == 2
    hidden = "# cjm: disable-file=stage-unowned  stage owners are being agreed\n" + text
    assert findings_of("stage-unowned", lint_text(hidden)) == []


def test_an_unknown_rule_in_a_comment_is_reported_with_a_suggestion():
    text = UNOWNED.replace(ITEM, "      # cjm: disable=touchpoint-unowed\n" + ITEM)
    diags = lint_text(text)
    [problem] = [d for d in diags if d.code == "L001"]
    assert problem.severity.value == "warning"
    assert "touchpoint-unowed" in problem.message
    assert problem.hint == "did you mean 'touchpoint-unowned'?"
    assert text.splitlines()[problem.line - 1].strip().startswith("# cjm:")
    # The typo hides nothing.
    assert findings_of("touchpoint-unowned", diags)


def test_an_unknown_directive_is_reported():
    text = UNOWNED.replace(ITEM, "      # cjm: disabel=touchpoint-unowned\n" + ITEM)
    [problem] = [d for d in lint_text(text) if d.code == "L002"]
    assert problem.hint == "did you mean 'disable'?"


def test_a_hash_inside_a_text_value_is_not_a_comment():
    text = TOUR.replace(
        "title: Booking a cross-country bus tour\n", 'title: "Booking #cjm: disable=stage-unowned"\n'
    ).replace("    owner: marketing\n    phase: acquisition\n", "    phase: acquisition\n")
    assert findings_of("stage-unowned", lint_text(text))
