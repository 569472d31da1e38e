"""``cjm diff``: a changed score or rank is reported; an opportunity that enters the top 5 is called out."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from cjmkit.diffing.ranking import rank_changes
from cjmkit.loader import parse
from cjmkit.model import Journey
from cjmkit.model.settings import Scoring
from test_plan import CATALOG, journey, opp
from tests.conftest import Result

Cjm = Callable[..., Result]
MODEL = Scoring(model="value-effort")


def _backlog(efforts: list[int], priorities: dict[int, int] | None = None) -> str:
    """Seven opportunities o1..o7 of value 3, with the given efforts (so o1 ranks first)."""
    text = ""
    for n, effort in enumerate(efforts, 1):
        extra = f"    priority: {priorities[n]}\n" if priorities and n in priorities else ""
        text += opp(f"o{n}", scores=f"{{value: 3, effort: {effort}}}", extra=extra)
    return journey("j", text)


def _model(text: str) -> Journey:
    return Journey.model_validate(parse(text, "j.cjm.yaml").data)


EFFORTS = [1, 1.5, 2, 2.5, 3, 4, 5]


def test_a_score_that_lifts_an_opportunity_into_the_top_5_is_called_out() -> None:
    old, new = _model(_backlog(EFFORTS)), _model(_backlog([*EFFORTS[:6], 1.2]))
    found = {(c.field, c.id): c for c in rank_changes(old, new, MODEL, MODEL)}
    score = found[("score", "o7")]
    assert (score.old, score.new, score.why) == ("0.6", "2.5", "score raised")
    rank = found[("rank", "o7")]
    assert (rank.old, rank.new, rank.callout) == (7, 2, True)
    assert rank.why == "now in the top 5 of the journey's backlog"
    # o5 was pushed out by o7; o2..o4 moved one place down without changing: no noise about them.
    assert {key for key in found} == {("score", "o7"), ("rank", "o7")}


def test_a_rank_change_from_a_new_priority_is_reported_without_a_callout_when_it_stays_out_of_the_top() -> None:
    old = _model(_backlog(EFFORTS))
    new = _model(_backlog(EFFORTS, {2: 1}))
    [rank] = rank_changes(old, new, MODEL, MODEL)
    assert (rank.id, rank.old, rank.new, rank.callout) == ("o2", 2, 1, False)


def test_a_new_scoring_model_changes_scores_but_not_a_file_without_opportunities() -> None:
    old = _model(_backlog([1, 2]))
    new = _model(_backlog([1, 2]))
    assert rank_changes(old, new, MODEL, MODEL) == []
    changed = rank_changes(old, new, None, MODEL)
    assert [(c.field, c.id, c.old, c.new) for c in changed] == [
        ("score", "o1", None, "3"),
        ("score", "o2", None, "1.5"),
    ]


def test_the_command_line_reports_scores_and_calls_out_the_top_5(cjm: Cjm, tmp_path: Path) -> None:
    (tmp_path / "cjm.yaml").write_text(CATALOG + "scoring: {model: value-effort}\n", encoding="utf-8")
    old = tmp_path / "old" / "j.cjm.yaml"
    new = tmp_path / "new" / "j.cjm.yaml"
    for path, efforts in ((old, EFFORTS), (new, [*EFFORTS[:6], 1.2])):
        path.parent.mkdir()
        path.write_text(_backlog(efforts), encoding="utf-8")
    text = cjm("diff", str(old), str(new), cwd=tmp_path)
    assert text.exit_code == 0, text.stderr
    assert 'opportunity o7 "Do o7": scores.effort 5 -> 1.2' in text.stdout
    assert 'opportunity o7 "Do o7": score 0.6 -> 2.5 (score raised)' in text.stdout
    assert (
        '! neutral     opportunity o7 "Do o7": rank 7 -> 2 (now in the top 5 of the journey\'s backlog)' in text.stdout
    )
    md = cjm("diff", str(old), str(new), "--format", "markdown", cwd=tmp_path).stdout
    assert "> **1 opportunity moved into the top 5 of a backlog:**" in md
    assert "new high or critical pain point" not in md
    data = json.loads(cjm("diff", str(old), str(new), "--format", "json", cwd=tmp_path).stdout)
    fields = [
        (c["field"], c["old"], c["new"]) for c in data["journeys"][0]["changes"] if c["field"] in ("score", "rank")
    ]
    assert fields == [("score", "0.6", "2.5"), ("rank", 7, 2)]
