"""Every kind of bad input gives exit 1, a diagnostic naming file and line, and no traceback."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import MINIMAL, Result

Cjm = Callable[..., Result]


def check(cjm: Cjm, path: Path, *fragments: str, line: int | None = None) -> Result:
    res = cjm("validate", str(path), cwd=path.parent)
    assert res.exit_code == 1, res.stdout + res.stderr
    assert "Traceback" not in res.stdout + res.stderr
    out = res.stdout
    for fragment in fragments:
        assert fragment in out, f"{fragment!r} not in:\n{out}"
    if line is not None:
        assert f"{path.name}:{line}:" in out, out
    return res


def test_unclosed_bracket_is_reported_at_the_bracket(cjm: Cjm, write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", "cjm: 1\nid: a\npersonas: [trey, sam\n\ntitle: A\n")
    check(cjm, p, "error[E110]", "YAML syntax error", "a.cjm.yaml:3:11:", "closing ]")
    p = write("b.cjm.yaml", "cjm: 1\nid: a\ncatalog: {teams: []\ntitle: A\n")
    check(cjm, p, "error[E110]", "b.cjm.yaml:3:10:", "closing }")


def test_outdented_key_gets_an_indentation_hint(cjm: Cjm, write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", MINIMAL.replace("        emotion: 0", "      emotion: 0", 1))
    res = check(cjm, p, "error[E110]", "indented differently from the lines above", "indent it like the other keys")
    line = MINIMAL.splitlines().index("        emotion: 0") + 1
    assert f"a.cjm.yaml:{line}:" in res.stdout


def test_question_mark_breaks_flow_list(cjm: Cjm, write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", "cjm: 1\nid: a\ntitle: A\nstages:\n  - id: s\n    name: S\n    quotes: [Is it? Yes]\n")
    check(cjm, p, "error[E110]", "quote items containing ':' or '?'", line=7)


def test_colon_breaks_flow_list(cjm: Cjm, write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", "cjm: 1\nid: a\ntitle: A\npersonas: [a: b: c]\n")
    check(cjm, p, "error[E110]", line=4)


def test_tab_indentation(cjm: Cjm, write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", "cjm: 1\nid: a\ntitle: A\nstages:\n\t- id: s\n")
    check(cjm, p, "tab character", "indent with spaces", line=5)


@pytest.mark.parametrize("content", ["", "# only a comment\n# and another\n", "\n\n"])
def test_empty_or_comment_only(cjm: Cjm, write: Callable[..., Path], content: str) -> None:
    p = write("a.cjm.yaml", content)
    check(cjm, p, "error[E113]", "empty", line=1)


@pytest.mark.parametrize(("content", "kind"), [("- a\n- b\n", "list"), ("just text\n", "single value")])
def test_top_level_not_a_mapping(cjm: Cjm, write: Callable[..., Path], content: str, kind: str) -> None:
    p = write("a.cjm.yaml", content)
    check(cjm, p, "error[E117]", f"top level of the file is a {kind}", line=1)


def test_two_documents(cjm: Cjm, write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", MINIMAL + "---\ncjm: 1\n")
    check(cjm, p, "error[E112]", "more than one YAML document", line=MINIMAL.count("\n") + 1)


def test_missing_version(cjm: Cjm, write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", MINIMAL.replace("cjm: 1\n", "", 1))
    check(cjm, p, "error[E120]", "missing 'cjm: 1'")


def test_unsupported_version_names_supported_ones(cjm: Cjm, write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", MINIMAL.replace("cjm: 1", "cjm: 2", 1))
    res = check(cjm, p, "error[E120]", "unsupported format version 2", "reads version 1", line=1)
    # The version explains everything else, so nothing else is reported.
    assert res.stdout.count("error[") == 1


def test_invalid_utf8(cjm: Cjm, write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", b"cjm: 1\nid: a\ntitle: Caf\xe9\n")
    check(cjm, p, "error[E101]", "not valid UTF-8", line=3)


def test_bom_is_fine(cjm: Cjm, write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", b"\xef\xbb\xbf" + MINIMAL.encode())
    res = cjm("validate", str(p))
    assert res.exit_code == 0, res.stdout


def test_python_tag_is_refused_and_not_executed(cjm: Cjm, write: Callable[..., Path], tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    p = write(
        "a.cjm.yaml",
        MINIMAL.replace("title: Checking out", f"title: !!python/object/apply:os.system ['touch {marker}']"),
    )
    check(cjm, p, "error[E114]", "!!python/object/apply:os.system", "not allowed", line=3)
    assert not marker.exists()


def test_duplicate_keys_name_both_lines(cjm: Cjm, write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", MINIMAL.replace("title: Checking out\n", "title: Checking out\ntitle: Paying\n"))
    check(cjm, p, "error[E111]", "duplicate key 'title'", "line 3", line=4)


def test_typo_key_suggests(cjm: Cjm, write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", MINIMAL.replace("    touchpoints:\n      - id: pay", "    touchpionts:\n      - id: pay"))
    res = check(cjm, p, "error[E130]", "unknown key 'touchpionts'", "did you mean 'touchpoints'?", line=27)
    assert "stages[1].touchpionts" in res.stdout


def test_wrong_types(cjm: Cjm, write: Callable[..., Path]) -> None:
    bad = MINIMAL.replace("emotion: 0", "emotion: happy").replace("next: [pay]", "next: pay")
    p = write("a.cjm.yaml", bad)
    res = check(cjm, p, "error[E132]", "the text 'happy'", "a whole number", "stages[0].touchpoints[0].emotion")
    assert "stages[0].touchpoints[0].next" in res.stdout and "a list" in res.stdout


def test_out_of_range_emotion_and_rating(cjm: Cjm, write: Callable[..., Path]) -> None:
    bad = MINIMAL.replace("emotion: 0", "emotion: 3\n        importance: {customer: 7}")
    p = write("a.cjm.yaml", bad)
    check(cjm, p, "error[E134]", "-2 (very negative) to +2", "a rating from 1 to 5", "found the number 7")


def test_impossible_date(cjm: Cjm, write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", MINIMAL.replace("title: Checking out", "title: Checking out\nupdated: 2026-02-30"))
    check(cjm, p, "error[E135]", "'2026-02-30' is not a valid date: that month has no such day", line=4)


@pytest.mark.parametrize("written", ["20x6-12-02", "2026-1-2", "14.10.2026"])
def test_a_date_not_written_as_a_date_says_how_to_write_it(cjm: Cjm, write: Callable[..., Path], written: str) -> None:
    p = write("a.cjm.yaml", MINIMAL.replace("title: Checking out", f"title: Checking out\nupdated: {written}"))
    res = check(cjm, p, "error[E135]", f"'{written}' is not a valid date", "YYYY-MM-DD", line=4)
    assert "invalid character" not in res.stdout and "input is too short" not in res.stdout, res.stdout


def test_a_missing_id_takes_an_article_that_fits(cjm: Cjm, write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", MINIMAL.replace("  - id: cart\n", "  - name_: cart\n", 1))
    check(cjm, p, "error[E131]", "expected an 'id' key")


def test_unknown_enum_lists_allowed(cjm: Cjm, write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", MINIMAL.replace("severity: high", "severity: hgh"))
    check(cjm, p, "error[E133]", "'hgh' is not a valid severity", "low, medium, high, critical", "did you mean 'high'?")


def test_malformed_and_duplicate_ids(cjm: Cjm, write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", MINIMAL.replace("id: cart", "id: Shopping Cart"))
    check(cjm, p, "error[E136]", "'Shopping Cart' is not a valid id", "try 'shopping-cart'")
    p = write("b.cjm.yaml", MINIMAL.replace("id: pay\n", "id: view-cart\n").replace("next: [pay]", "next: []"))
    check(cjm, p, "error[E140]", "duplicate touchpoint id 'view-cart'", "line 19", line=28)


DANGLING = [
    ("owner: web-team\n    touchpoints", "owner: web-tem\n    touchpoints", "unknown owner team 'web-tem'", "web-team"),
    ("channel: website\n        owner", "channel: webiste\n        owner", "unknown channel 'webiste'", "website"),
    ("{team: web-team, system: cms}", "{team: web-team, system: cmss}", "unknown system 'cmss'", "cms"),
    ("{team: web-team, system: cms}", "{team: web-teams, system: cms}", "unknown team 'web-teams'", "web-team"),
    ("personas: [shopper]", "personas: [shoper]", "unknown persona 'shoper'", "shopper"),
    ("next: [pay]", "next: [payy]", "unknown next touchpoint 'payy'", "pay"),
    ("addresses: [slow-pay]", "addresses: [slow-pays]", "unknown pain point 'slow-pays'", "slow-pay"),
    ("kpis: [pay-success]", "kpis: [pay-sucess]", "unknown KPI 'pay-sucess'", "pay-success"),
    (
        "severity: high",
        "severity: high\n            evidence: [analytics-q4]",
        "unknown evidence 'analytics-q4'",
        "analytics-q3",
    ),
    (
        "title: Checking out",
        "title: Checking out\nfocus: {journey: checkout, touchpoint: pai}",
        "unknown touchpoint 'pai'",
        "pay",
    ),
]


@pytest.mark.parametrize(("old", "new", "message", "suggestion"), DANGLING)
def test_dangling_references(
    cjm: Cjm, write: Callable[..., Path], old: str, new: str, message: str, suggestion: str
) -> None:
    assert old in MINIMAL
    p = write("a.cjm.yaml", MINIMAL.replace(old, new, 1))
    check(cjm, p, "error[E141]", message, f"did you mean '{suggestion}'?")


def test_focus_on_unknown_journey(cjm: Cjm, write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", MINIMAL.replace("title: Checking out", "title: Checking out\nfocus: {journey: nowhere}"))
    check(cjm, p, "error[E141]", "unknown journey 'nowhere' in focus", line=4)


def test_touchpoint_persona_must_be_a_journey_persona(cjm: Cjm, write: Callable[..., Path]) -> None:
    text = MINIMAL.replace(
        "    - {id: shopper, name: Online shopper}",
        "    - {id: shopper, name: Online shopper}\n    - {id: admin, name: Admin}",
    ).replace("name: Views the cart\n", "name: Views the cart\n        personas: [admin]\n")
    p = write("a.cjm.yaml", text)
    check(cjm, p, "error[E141]", "unknown persona for this journey 'admin'")


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd", "ftp://x"])
def test_non_web_url_refused(cjm: Cjm, write: Callable[..., Path], url: str) -> None:
    p = write("a.cjm.yaml", MINIMAL.replace("kind: analytics", f"kind: analytics\n    url: '{url}'"))
    check(cjm, p, "error[E137]", "http:// or https://", "evidence[0].url")


def test_billion_laughs_is_refused_quickly(cjm: Cjm, write: Callable[..., Path]) -> None:
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i, name in enumerate("bcdefghi"):
        prev = "abcdefghi"[i]
        levels.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    p = write("a.cjm.yaml", "\n".join(["cjm: 1", *levels]) + "\n")
    start = time.monotonic()
    check(cjm, p, "error[E115]", "aliases expand to more than")
    assert time.monotonic() - start < 10


def test_deep_nesting_is_refused(cjm: Cjm, write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", "cjm: 1\nid: " + "[" * 100_000 + "]" * 100_000 + "\n")
    check(cjm, p, "error[E116]", "more than 64 levels deep", line=2)


def test_huge_string_value_is_handled_within_seconds(cjm: Cjm, write: Callable[..., Path]) -> None:
    big = "x" * (15 * 1024 * 1024)  # just under the 16 MB limit
    p = write("a.cjm.yaml", MINIMAL.replace("title: Checking out", f"title: Checking out\npurpose: {big}"))
    start = time.monotonic()
    res = cjm("validate", str(p))
    assert res.exit_code == 0, res.stdout[-500:]
    assert time.monotonic() - start < 20


def test_file_over_the_size_limit_is_refused(write: Callable[..., Path]) -> None:
    from cjmkit.loader import LoadError, yaml

    p = write("a.cjm.yaml", MINIMAL)
    old = yaml.MAX_FILE_BYTES
    yaml.MAX_FILE_BYTES = 100
    try:
        with pytest.raises(LoadError) as err:
            yaml.load_file(p)
    finally:
        yaml.MAX_FILE_BYTES = old
    assert err.value.diagnostics[0].code == "E102"
    assert "at most" in err.value.diagnostics[0].message


def test_many_problems_reported_in_one_run(cjm: Cjm, write: Callable[..., Path]) -> None:
    bad = (
        MINIMAL.replace("emotion: 0", "emotion: 5")
        .replace("severity: high", "severity: urgent")
        .replace("next: [pay]", "next: [pai]")
        .replace("    owner: web-team\n    touchpoints:", "    owner: web-team\n    gaol: Pay fast\n    touchpoints:")
    )
    p = write("a.cjm.yaml", bad)
    res = check(cjm, p, "error[E134]", "error[E133]", "error[E130]")
    assert "did you mean 'goal'?" in res.stdout
    assert "Found 3 errors in 1 file" in res.stdout
    # Reported in file order, so the user can work down the file.
    lines = [int(line.split(":")[1]) for line in res.stdout.splitlines() if "error[" in line]
    assert lines == sorted(lines) == [18, 24, 37]


def test_number_field_with_text_gives_one_plain_error(cjm: Cjm, write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", MINIMAL.replace("target: 98", "target: lots"))
    res = check(cjm, p, "error[E132]", "target should be a number, not the text 'lots'", line=40)
    assert res.stdout.count("error[") == 1
    assert "at stages[1].touchpoints[0].kpis[0].target;" in res.stdout
    assert ".float" not in res.stdout and ".int" not in res.stdout


def test_quoted_number_is_text_not_a_number(cjm: Cjm, write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", MINIMAL.replace("target: 98", 'target: "98"'))
    check(cjm, p, "error[E132]", "target should be a number, not the text '98'")


def test_overlong_id_is_a_malformed_id(cjm: Cjm, write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", MINIMAL.replace("id: cart", "id: " + "c" * 200))
    check(cjm, p, "error[E136]", "is not a valid id", "at most 128 long")


def test_broken_workspace_file_is_not_buried_under_reference_errors(cjm: Cjm, write: Callable[..., Path]) -> None:
    write("cjm.yaml", "cjm: 1\ncatalog:\n  teams:\n    - {id: web-team name: Web team}\n")
    journey = MINIMAL.replace("catalog:\n", "x-catalog:\n", 1)
    p = write("journeys/a.cjm.yaml", journey)
    res = cjm("validate", cwd=p.parent)
    assert res.exit_code == 1
    assert "cjm.yaml:4:" in res.stdout
    assert "E141" not in res.stdout, res.stdout


def test_missing_required_key_names_the_item(cjm: Cjm, write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", MINIMAL.replace("    name: Payment\n", ""))
    check(cjm, p, "error[E131]", "the stage 'payment' has no 'name', which is required", line=25)
    p = write("b.cjm.yaml", MINIMAL.replace("        name: Pays\n", ""))
    check(cjm, p, "the touchpoint 'pay' has no 'name', which is required")


def test_an_id_in_another_script_gets_a_transliterated_suggestion(cjm: Cjm, write: Callable[..., Path]) -> None:
    p = write("a.cjm.yaml", MINIMAL.replace("id: cart", "id: Корзина"))
    check(cjm, p, "error[E136]", "'Корзина' is not a valid id", "try 'korzina'")
    p = write("b.cjm.yaml", MINIMAL.replace("id: cart", "id: Объявление"))
    check(cjm, p, "error[E136]", "'Объявление' is not a valid id", "try 'obyavlenie'")
