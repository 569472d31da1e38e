"""``cjm plan``: one ranked backlog across the workspace, its ties, filters and formats."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from cjmkit.errors import UsageError
from cjmkit.planning import PainRef, PlanItem, build_plan, rank
from tests.conftest import EXAMPLES, Result

Cjm = Callable[..., Result]

CATALOG = """\
cjm: 1
catalog:
  personas:
    - {id: shopper, name: Online shopper}
  teams:
    - {id: web-team, name: Web team}
    - {id: payments, name: Payments}
    - {id: support, name: Support}
"""


def journey(jid: str, opportunities: str, pains: str = "") -> str:
    """A small valid journey: one touchpoint with pain points a..d of the given severities."""
    pains = pains or (
        "          - {id: a, description: Card declined without a reason, severity: critical}\n"
        "          - {id: b, description: Slow page, severity: high}\n"
        "          - {id: c, description: Small print, severity: high}\n"
        "          - {id: d, description: Odd colours, severity: low}\n"
    )
    return f"""\
cjm: 1
id: {jid}
title: Journey {jid}
stages:
  - id: pay
    name: Payment
    owner: payments
    touchpoints:
      - id: pay-page
        name: Pays on the web site
        owner: web-team
        importance: {{customer: 5, company: 3}}
        pain_points:
{pains}        kpis:
          - {{id: paid, name: Payments completed, current: 91, target: 98, unit: percent}}
opportunities:
{opportunities}"""


def workspace(tmp_path: Path, scoring: str, journeys: dict[str, str]) -> Path:
    (tmp_path / "cjm.yaml").write_text(CATALOG + scoring, encoding="utf-8")
    for jid, text in journeys.items():
        (tmp_path / f"{jid}.cjm.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def opp(oid: str, *, scores: str = "", addresses: str = "[]", extra: str = "") -> str:
    line = f"  - id: {oid}\n    title: Do {oid}\n    addresses: {addresses}\n    owner: web-team\n"
    if scores:
        line += f"    scores: {scores}\n"
    return line + extra


def ids(tmp_path: Path, **kw: object) -> list[str]:
    return [i.id for i in build_plan([tmp_path], **kw).items]  # type: ignore[arg-type]


# -- ranking --------------------------------------------------------------------


def test_rice_scores_rank_the_backlog_across_journeys(tmp_path: Path) -> None:
    workspace(
        tmp_path,
        "scoring: {model: rice}\n",
        {
            "one": journey("one", opp("small", scores="{reach: 100, impact: 1, confidence: 1, effort: 1}")),
            "two": journey(
                "two",
                opp("big", scores="{reach: 400, impact: 2, confidence: 0.5, effort: 2}")
                + opp("unscored")
                + opp("middle", scores="{reach: 300, impact: 0.5, confidence: 1, effort: 1}"),
            ),
        },
    )
    plan = build_plan([tmp_path])
    assert [(i.rank, i.id, i.score) for i in plan.items] == [
        (1, "big", 200),
        (2, "middle", 150),
        (3, "small", 100),
        (4, "unscored", None),
    ]
    assert plan.model == "rice"
    assert plan.items[0].factors == {"reach": 400, "impact": 2, "confidence": 0.5, "effort": 2}


def test_ice_and_custom_models_score_the_plan(tmp_path: Path) -> None:
    ice = tmp_path / "ice"
    ice.mkdir()
    workspace(
        ice,
        "scoring: {model: ice}\n",
        {
            "j": journey(
                "j",
                opp("x", scores="{impact: 2, confidence: 3, ease: 4}")
                + opp("y", scores="{impact: 5, confidence: 5, ease: 1}"),
            )
        },
    )
    assert [(i.id, i.score) for i in build_plan([ice]).items] == [("y", 25), ("x", 24)]
    custom = tmp_path / "custom"
    custom.mkdir()
    scoring = (
        "scoring:\n  model: custom\n"
        "  fields: {value: {min: 1, max: 10}, effort: {min: 1, max: 10}, risk: {min: 0, max: 1}}\n"
        '  formula: "value * (1 - risk) / effort"\n'
    )
    workspace(
        custom,
        scoring,
        {
            "j": journey(
                "j",
                opp("safe", scores="{value: 6, risk: 0, effort: 3}")
                + opp("risky", scores="{value: 9, risk: 0.5, effort: 1.5}"),
            )
        },
    )
    assert [(i.id, i.score) for i in build_plan([custom]).items] == [("risky", 3), ("safe", 2)]


def test_value_effort_names_the_quadrant_in_every_format(tmp_path: Path, cjm: Cjm) -> None:
    workspace(
        tmp_path, "scoring: {model: value-effort}\n", {"j": journey("j", opp("win", scores="{value: 5, effort: 1}"))}
    )
    [item] = build_plan([tmp_path]).items
    assert (item.score, item.quadrant) == (5, "quick win")
    for fmt in ("text", "markdown", "csv", "github-csv"):
        res = cjm("plan", "-f", fmt, cwd=tmp_path)
        assert res.exit_code == 0 and ("quick win" in res.stdout or "quick-win" in res.stdout), fmt


def test_manual_priority_wins_over_any_score(tmp_path: Path) -> None:
    workspace(
        tmp_path,
        "scoring: {model: value-effort}\n",
        {
            "j": journey(
                "j",
                opp("best-score", scores="{value: 5, effort: 1}")
                + opp("second", scores="{value: 1, effort: 5}", extra="    priority: 2\n")
                + opp("first", scores="{value: 1, effort: 5}", extra="    priority: 1\n"),
            )
        },
    )
    assert ids(tmp_path) == ["first", "second", "best-score"]


def test_ties_go_to_the_worst_pain_then_to_how_many_then_to_the_id(tmp_path: Path) -> None:
    same = "{value: 4, effort: 2}"
    workspace(
        tmp_path,
        "scoring: {model: value-effort}\n",
        {
            "j": journey(
                "j",
                opp("zz-critical", scores=same, addresses="[a]")
                + opp("two-high", scores=same, addresses="[b, c]")
                + opp("one-high-and-low", scores=same, addresses="[b, d]")
                + opp("bb-nothing", scores=same)
                + opp("aa-nothing", scores=same),
            )
        },
    )
    assert ids(tmp_path) == ["zz-critical", "two-high", "one-high-and-low", "aa-nothing", "bb-nothing"]


def test_the_same_id_in_two_journeys_is_ordered_by_journey() -> None:
    def item(journey: str) -> PlanItem:
        return PlanItem("x", "X", journey, journey, "", "idea", None, 1.0, {}, None, None, [], [], [], [])

    assert [i.journey for i in rank([item("b"), item("a")])] == ["a", "b"]


# -- what each item carries ----------------------------------------------------


def test_an_item_carries_its_pains_stages_owner_stakeholders_and_kpis(tmp_path: Path) -> None:
    extra = "    stakeholders: [payments, support]\n    kpis: [paid]\n    status: in-progress\n"
    workspace(tmp_path, "", {"j": journey("j", opp("fix-card", addresses="[a, d]", extra=extra))})
    plan = build_plan([tmp_path])
    assert plan.model is None
    data = json.loads(json.dumps(plan.to_dict()))["opportunities"][0]
    assert data["status"] == "in-progress" and data["owner"] == "web-team"
    assert data["stakeholders"] == ["payments", "support"]
    assert data["stages"] == ["Payment"]
    assert [(p["id"], p["severity"], p["customer_importance"]) for p in data["pain_points"]] == [
        ("a", "critical", 5),
        ("d", "low", 5),
    ]
    assert data["kpis"] == [
        {
            "id": "paid",
            "name": "Payments completed",
            "current": 91,
            "target": 98,
            "unit": "percent",
            "status": "off-target",
        }
    ]


def test_serious_pains_nobody_addresses_are_listed_below(tmp_path: Path, cjm: Cjm) -> None:
    dropped = "    status: dropped\n"
    workspace(
        tmp_path,
        "",
        {"j": journey("j", opp("fix-slow", addresses="[b]") + opp("gave-up", addresses="[a]", extra=dropped))},
    )
    plan = build_plan([tmp_path])
    assert [i.id for i in plan.items] == ["fix-slow"]  # dropped work is not in the backlog
    assert [(p.id, p.severity) for p in plan.unaddressed] == [("a", "critical"), ("c", "high")]
    res = cjm("plan", cwd=tmp_path)
    assert "High and critical pain points no opportunity addresses (2):" in res.stdout
    assert "[critical] Card declined without a reason (j: Payment > Pays on the web site, importance 5/5)" in res.stdout


# -- filters -----------------------------------------------------------------------


def test_filters_keep_the_workspace_rank(tmp_path: Path) -> None:
    workspace(
        tmp_path,
        "scoring: {model: value-effort}\n",
        {
            "one": journey(
                "one",
                opp("a1", scores="{value: 5, effort: 1}")
                + opp(
                    "a2",
                    scores="{value: 1, effort: 1}",
                    extra="    stakeholders: [support]\n",
                ),
            ),
            "two": journey("two", opp("b1", scores="{value: 3, effort: 1}", extra="    status: planned\n")),
        },
    )
    assert [(i.rank, i.id) for i in build_plan([tmp_path], team="support").items] == [(3, "a2")]
    assert [(i.rank, i.id) for i in build_plan([tmp_path], journey="two").items] == [(2, "b1")]
    assert [i.id for i in build_plan([tmp_path], statuses=["planned"]).items] == ["b1"]
    assert [i.id for i in build_plan([tmp_path], top=2).items] == ["a1", "b1"]


def test_an_unknown_team_or_journey_is_a_usage_error_with_a_suggestion(tmp_path: Path) -> None:
    workspace(tmp_path, "", {"j": journey("j", opp("x"))})
    with pytest.raises(UsageError, match="did you mean 'payments'"):
        build_plan([tmp_path], team="payment")
    with pytest.raises(UsageError, match="no such journey"):
        build_plan([tmp_path], journey="k")


def test_a_bad_top_or_status_is_a_usage_error_from_python_too(tmp_path: Path) -> None:
    workspace(tmp_path, "", {"j": journey("j", opp("x") + opp("y"))})
    with pytest.raises(UsageError, match="--top must be 1 or more"):
        build_plan([tmp_path], top=-1)  # items[:-1] would quietly drop the last one
    with pytest.raises(UsageError, match="got 'open'"):
        build_plan([tmp_path], statuses=["open"])  # would be an empty backlog


def test_a_broken_cjm_yaml_gives_no_backlog_rather_than_an_empty_one(tmp_path: Path, cjm: Cjm) -> None:
    workspace(tmp_path, "scoring: {model: ricee}\n", {"j": journey("j", opp("x", addresses="[a]"))})
    res = cjm("plan", cwd=tmp_path)
    assert res.exit_code == 1, res.stdout + res.stderr
    assert "cjm.yaml" in res.stderr and "no backlog can be made" in res.stderr
    assert res.stdout == ""  # not "0 opportunities" and "every serious pain point is addressed"


def test_issue_imports_cannot_mention_people_or_link_issues(tmp_path: Path, cjm: Cjm) -> None:
    extra = "    description: ask @payments-lead, see #12\n"
    title = '  - id: x\n    title: "Fix #12 with @web-team"\n    owner: web-team\n    addresses: [a]\n'
    workspace(tmp_path, "", {"j": journey("j", title + extra)})
    [row] = list(csv.DictReader(io.StringIO(cjm("plan", "-f", "github-csv", cwd=tmp_path).stdout)))
    assert "@web-team" not in row["title"] and "#12" not in row["title"]
    assert "@payments-lead" not in row["body"] and "#12" not in row["body"]
    assert row["title"].replace("\u2060", "") == "Fix #12 with @web-team"  # the words stay as written


def test_large_scores_are_written_in_full(tmp_path: Path, cjm: Cjm) -> None:
    big = opp("big", scores="{reach: 2000000, impact: 3, confidence: 0.8, effort: 1.5}")
    workspace(tmp_path, "scoring: {model: rice}\n", {"j": journey("j", big)})
    for fmt in ("text", "markdown", "csv", "github-csv"):
        out = cjm("plan", "-f", fmt, cwd=tmp_path).stdout
        assert "3200000" in out and "e+" not in out, fmt
        if fmt != "text":  # the text table shows the score, the others its factors too
            assert "reach 2000000" in out or "reach=2000000" in out, fmt
    rows = list(csv.DictReader(io.StringIO(cjm("plan", "-f", "csv", cwd=tmp_path).stdout)))
    assert rows[0]["score"] == "3200000"


# -- formats ---------------------------------------------------------------------------


def test_csv_formats_have_their_documented_columns_and_keep_formulas_out(tmp_path: Path, cjm: Cjm) -> None:
    evil = '  - id: evil\n    title: =HYPERLINK("http://x")\n    owner: web-team\n    addresses: [a]\n'
    workspace(tmp_path, "scoring: {model: value-effort}\n", {"j": journey("j", evil)})
    rows = list(csv.reader(io.StringIO(cjm("plan", "-f", "csv", cwd=tmp_path).stdout)))
    assert rows[0][:4] == ["rank", "journey", "id", "title"]
    assert rows[1][3] == '\'=HYPERLINK("http://x")'
    github = list(csv.DictReader(io.StringIO(cjm("plan", "-f", "github-csv", cwd=tmp_path).stdout)))
    assert list(github[0]) == ["title", "body", "labels"]
    assert github[0]["labels"] == "cjm,journey:j,idea,team:web-team"
    assert "critical: Card declined without a reason" in github[0]["body"]
    jira = list(csv.reader(io.StringIO(cjm("plan", "-f", "jira-csv", cwd=tmp_path).stdout)))
    assert jira[0] == ["Summary", "Issue Type", "Priority", "Description", "Component", *["Labels"] * 6]
    assert jira[1][1:3] == ["Task", "Highest"] and jira[1][4] == "web-team"
    assert jira[1][5:] == ["cjm", "journey:j", "idea", "team:web-team", "opportunity:j/evil", ""]


def test_markdown_shows_factors_pains_and_kpis(tmp_path: Path, cjm: Cjm) -> None:
    extra = "    kpis: [paid]\n    scores: {value: 4, effort: 4}\n"
    workspace(tmp_path, "scoring: {model: value-effort}\n", {"j": journey("j", opp("x", addresses="[b]", extra=extra))})
    out = cjm("plan", "--format", "markdown", cwd=tmp_path).stdout
    assert "| 1 | **Do x** `x` · idea | 1 big bet | value 4, effort 4 | high: Slow page (importance 5/5) |" in out
    assert "Payments completed: 91% (target 98%)" in out


# -- the command line ---------------------------------------------------------------------


def test_exit_codes(tmp_path: Path, cjm: Cjm) -> None:
    workspace(tmp_path, "", {"j": journey("j", opp("x")), "broken": "cjm: 1\nid: broken\n"})
    res = cjm("plan", cwd=tmp_path)
    assert res.exit_code == 1 and "Traceback" not in res.stderr
    assert "broken.cjm.yaml" in res.stderr and "left out of the backlog" in res.stderr
    assert "x " in res.stdout
    for args in (["--format", "xml"], ["--status", "ide"], ["--top", "0"], ["--team", "nobody"], ["missing"]):
        res = cjm("plan", *args, cwd=tmp_path)
        assert res.exit_code == 2 and res.stderr.startswith("cjm: error:"), args


def test_the_examples_plan(cjm: Cjm) -> None:
    res = cjm("plan", cwd=EXAMPLES)
    assert res.exit_code == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[0] == "Backlog: 23 opportunities, scored by value-effort"
    # Two first priorities with the same score: the critical pain point goes first.
    assert lines[4].split()[:5] == ["1", "2.5", "quick", "win", "urgent-publishing-lane"]
    assert lines[5].split()[:5] == ["2", "2.5", "quick", "win", "kit-before-day-one"]


def test_pain_refs_are_plain_data() -> None:
    # A worker sends them back to the parent process: they must pickle.
    import pickle

    ref = PainRef("a", "A", "high", 4, "j", "Stage", "Touchpoint", "team")
    assert pickle.loads(pickle.dumps(ref)) == ref


def test_the_readme_shows_the_real_output_of_plan_on_the_examples(cjm: Cjm) -> None:
    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    shown = readme.split("$ cjm plan --top 5\n", 1)[1].split("```", 1)[0]
    assert cjm("plan", "--top", "5", cwd=EXAMPLES).stdout == shown


def test_hostile_titles_cannot_drive_the_terminal_or_the_markdown(tmp_path: Path, cjm: Cjm) -> None:
    hostile = (
        '  - id: evil\n    title: "\\e[2J\\rFake | [link](http://x) @all <b>bold</b>"\n'
        "    owner: web-team\n    status: dropped\n"
    )
    pain = '          - {id: a, description: "\\e[2J\\rFake pain", severity: critical}\n'
    workspace(tmp_path, "", {"j": journey("j", hostile, pain)})
    text = cjm("plan", cwd=tmp_path).stdout  # the text table names the pain nobody addresses
    assert "\x1b" not in text and "\r" not in text
    assert "[critical] \\x1b[2J\\x0dFake pain" in text
    md = cjm("plan", "-f", "markdown", "--status", "dropped", cwd=tmp_path).stdout
    assert "\x1b" not in md and "<b>" not in md and "[link](" not in md and "@all" not in md
    assert "Fake \\| \\[link\\]" in md
