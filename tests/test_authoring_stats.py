"""cjm stats: the portfolio view, from the shared facts."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.authoring_helpers import bare_workspace, copy_examples
from tests.conftest import MINIMAL, Result

Cjm = Callable[..., Result]


SECOND_JOURNEY = """\
cjm: 1
id: returns
title: Returning an order
personas: [shopper, gift-buyer]
catalog:
  personas:
    - {id: shopper, name: Online shopper}
    - {id: gift-buyer, name: Gift buyer}
  teams:
    - {id: support, name: Support}
stages:
  - id: ask
    name: Ask for a return
    owner: support
    touchpoints:
      - id: return-form
        name: Fills in the return form
        owner: support
        personas: [gift-buyer]
        emotion: -2
        desired_emotion: 1
        pain_points:
          - {id: no-label, description: No printable return label, severity: critical}
        kpis:
          - {id: return-time, name: Days to refund, target: 5, current: 3, direction: down, owner: support}
"""


def test_json_figures_per_journey_and_in_total(cjm: Cjm, tmp_path: Path) -> None:
    bare_workspace(tmp_path)
    (tmp_path / "checkout.cjm.yaml").write_text(MINIMAL)
    (tmp_path / "returns.cjm.yaml").write_text(SECOND_JOURNEY)
    res = cjm("stats", "--format", "json", cwd=tmp_path)
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    checkout, returns = data["journeys"]
    assert (checkout["stages"], checkout["touchpoints"], checkout["personas"]) == (2, 2, 1)
    assert checkout["pain_points"]["high"] == 1
    assert checkout["unaddressed_high_or_critical"] == 0  # faster-pay addresses slow-pay
    assert checkout["average_emotion"] == 0 and checkout["average_emotion_gap"] is None
    assert checkout["kpis"] == {"on-target": 0, "off-target": 0, "no-data": 1, "no-target": 0}
    assert returns["personas"] == 2
    assert returns["unaddressed_high_or_critical"] == 1
    assert returns["average_emotion_gap"] == 3
    assert returns["kpis"]["on-target"] == 1  # 3 days is below the 5-day target, and lower is better
    total = data["total"]
    assert total["journeys"] == 2 and total["touchpoints"] == 3
    assert total["average_emotion"] == -1  # (0 - 2) / 2 touchpoints with an emotion
    assert total["pain_points"]["critical"] == 1 and total["pain_points"]["high"] == 1
    assert data["teams"]["web-team"]["touchpoints"] == 1 and data["teams"]["web-team"]["stages"] == 1
    assert data["teams"]["support"] == {
        "journeys": 0,
        "stages": 1,
        "touchpoints": 1,
        "kpis": 1,
        "opportunities": 0,
        "backstage": 0,
        "total": 3,
    }


def test_unaddressed_pains_and_stale_maps_show(cjm: Cjm, tmp_path: Path) -> None:
    text = MINIMAL.replace(
        "opportunities:\n  - id: faster-pay\n    title: Speed up payment\n    addresses: [slow-pay]\n"
        "    kpis: [pay-success]\n",
        "",
    )
    text = text.replace("title: Checking out\n", "title: Checking out\nupdated: 2020-01-01\nreview_every: 30\n")
    bare_workspace(tmp_path)
    (tmp_path / "checkout.cjm.yaml").write_text(text)
    res = cjm("stats", "--format", "json", cwd=tmp_path)
    assert res.exit_code == 0, res.stderr
    data = json.loads(res.stdout)
    assert data["journeys"][0]["unaddressed_high_or_critical"] == 1
    assert data["journeys"][0]["stale"] is True
    assert data["total"]["stale"] == 1


def test_text_and_markdown_cover_every_journey_and_team(cjm: Cjm, tmp_path: Path) -> None:
    ws = copy_examples(tmp_path)
    text = cjm("stats", cwd=ws)
    assert text.exit_code == 0, text.stderr
    ids = [p.name.removesuffix(".cjm.yaml") for p in (ws / "journeys").glob("*.cjm.yaml")]
    for jid in ids:
        assert jid in text.stdout
    assert "Load per team" in text.stdout and "web-team" in text.stdout
    md = cjm("stats", "--format", "markdown", cwd=ws)
    assert md.stdout.startswith("## Journeys\n\n| Journey |")
    assert "| Total |" in md.stdout


def test_a_teams_total_is_the_sum_of_its_row_and_says_so(cjm: Cjm, tmp_path: Path) -> None:
    ws = copy_examples(tmp_path)
    text = cjm("stats", cwd=ws).stdout
    table = text.split("Load per team", 1)[1].splitlines()
    assert "Total is the sum of the row" in table[0]
    header = table[1].split()
    assert header[-2:] == ["Backstage", "Total"]
    rows = [line.split() for line in table[3:] if line.strip()]
    assert any(int(row[-2]) > 0 for row in rows), "the examples have teams working backstage"
    for row in rows:
        assert int(row[-1]) == sum(int(cell) for cell in row[1:-1]), row
    data = json.loads(cjm("stats", "--format", "json", cwd=ws).stdout)
    for team, figures in data["teams"].items():
        assert figures["total"] == sum(v for k, v in figures.items() if k != "total"), team


def test_invalid_files_are_reported_and_left_out(cjm: Cjm, tmp_path: Path) -> None:
    bare_workspace(tmp_path)
    (tmp_path / "good.cjm.yaml").write_text(MINIMAL)
    (tmp_path / "bad.cjm.yaml").write_text(
        MINIMAL.replace("id: checkout", "id: broken").replace("emotion: 0", "emotion: 5")
    )
    res = cjm("stats", "--format", "json", cwd=tmp_path)
    assert res.exit_code == 1
    assert "bad.cjm.yaml:" in res.stderr
    assert [j["id"] for j in json.loads(res.stdout)["journeys"]] == ["checkout"]
    assert cjm("stats", "--format", "xml", cwd=tmp_path).exit_code == 2
