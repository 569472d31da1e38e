"""The report's "What to do next" ranks opportunities like ``cjm plan``; the site has the workspace backlog."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from cjmkit.model.settings import Scoring
from cjmkit.rendering.report import html_report, next_steps
from render_helpers import EXAMPLES, example_workspace, load_journey
from test_render_report import parse_page
from tests.conftest import Result


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", " ".join(parse_page(html).text))


def test_the_report_ranks_the_open_opportunities_by_priority_then_score() -> None:
    journey, catalog = load_journey(EXAMPLES / "journeys" / "social-suite.cjm.yaml")
    ranked = next_steps(journey, Scoring(model="value-effort"))
    assert [(o.rank, o.id, o.shown_score, o.quadrant) for o in ranked] == [
        (1, "urgent-publishing-lane", "2.5", "quick win"),
        (2, "self-serve-cancel", "4", "quick win"),
        (3, "price-change-notice", "3", "quick win"),
        (4, "trust-centre", "1", "big bet"),
        (5, "instant-report-export", "0.5", "money pit"),
    ]  # done and dropped work is not there
    text = _text(html_report(journey, catalog, engine="embedded", scoring=Scoring(model="value-effort")))
    section = text.split("Opportunities, in the order to do them", 1)[1].split("Pain points, most urgent first", 1)[0]
    assert "then by value-effort score" in section
    order = [
        section.index(t)
        for t in ("A priority lane", "Cancel or downgrade", "Announce price", "public trust centre", "Export reports")
    ]
    assert order == sorted(order)
    assert "4 quick win value 4, effort 1" in section


def test_without_a_model_the_report_says_it_ranks_by_priority() -> None:
    journey, catalog = load_journey(EXAMPLES / "journeys" / "tour-booking.cjm.yaml")
    text = _text(html_report(journey, catalog, engine="embedded"))
    assert "Ranked by manual priority; no scoring model is set in cjm.yaml." in text
    assert "unscored" in text


def test_the_site_has_a_portfolio_page_with_the_backlog_per_team(cjm: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert cjm("render", "--site", str(out), cwd=EXAMPLES).exit_code == 0
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="portfolio.html"' in index and "The backlog: 23 open opportunities" in index
    page = (out / "portfolio.html").read_text(encoding="utf-8")
    parsed = parse_page(page)
    assert parsed.handlers == [] and "script" not in parsed.tags
    for link in parsed.urls:
        if not link.startswith("#"):
            assert (out / link.split("#")[0]).is_file(), link
    text = _text(page)
    backlog = text.split("Every open opportunity", 1)[1].split("High and critical pain points nobody addresses")[0]
    ranks = [int(n) for n in re.findall(r"(?:^| )(\d+) [A-Z]", backlog)][:23]
    assert ranks == list(range(1, 24))
    support = page.split('<h3 id="team-support">', 1)[1].split("<h3", 1)[0]
    owns, helps = support.split("Must also act on", 1)
    assert "A priority lane for publishing failures" in owns  # support owns it
    assert "Send the likely parts with the engineer" in helps  # engineering owns it, support must act
    team = (out / "teams" / "support.html").read_text(encoding="utf-8")
    assert "In the backlog (" in team and "../portfolio.html#team-support" in team
    assert len(example_workspace().journey_files()) == 6


def test_a_team_of_one_journeys_own_catalog_is_named_on_the_workspace_pages(
    cjm: Callable[..., Result], tmp_path: Path
) -> None:
    # 'team-leads' is defined only in the employee journey's catalog, not in cjm.yaml.
    out = tmp_path / "site"
    assert cjm("render", "--site", str(out), cwd=EXAMPLES).exit_code == 0
    page = _text((out / "portfolio.html").read_text(encoding="utf-8"))
    assert "with Customer experience, Customer success team leads, Marketing" in page
    assert "team-leads" not in page
