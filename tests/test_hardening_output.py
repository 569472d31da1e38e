"""What a map's text becomes in text and Markdown output: never terminal control, never a mention or link."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from cjmkit.diffing import diff_journeys
from cjmkit.diffing.changes import DiffReport, FileDiff
from cjmkit.diffing.formats.html import CONTENT_SECURITY_POLICY, render_html
from cjmkit.diffing.formats.markdown import render_markdown
from cjmkit.rendering.markdown import journey_markdown
from cjmkit.textsafety import WORD_JOINER, printable
from tests.conftest import MINIMAL, REPO, run_cli
from tests.fuzz.checks import valid_journey
from tests.hardening_helpers import hostile_yaml

#: What a terminal acts on, raw (an escape, a carriage return, a bell, C1 CSI, a right-to-left override).
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

#: What GitHub turns into a mention, an issue link or an autolink once the Markdown is rendered.
GITHUB_AUTOLINKS = [
    re.compile(r"(?<![\w`])@[A-Za-z0-9]"),  # @user, @org/team
    re.compile(r"#\d"),  # #1, owner/repo#1
    re.compile(r"\bGH-\d", re.IGNORECASE),
    re.compile(r"\bwww\.", re.IGNORECASE),
    re.compile(r"[a-z]+://", re.IGNORECASE),
]

MENTIONS = (
    "Ping @everyone and @acme/security-team, see www.evil.example, acme/infra#1, #12, GH-3 or https://evil.example"
)


def _decoded(markdown: str) -> str:
    """The text a reader sees: entities decoded, backslash escapes removed (as GitHub renders it)."""
    import html

    return html.unescape(re.sub(r"\\(.)", r"\1", markdown))


def assert_no_autolinks(markdown: str) -> None:
    seen = _decoded(markdown)
    for pattern in GITHUB_AUTOLINKS:
        assert not pattern.search(seen), (pattern.pattern, seen)


def test_printable_escapes_what_a_terminal_acts_on() -> None:
    assert printable("web\x1b[2K\rall good") == "web\\x1b[2K\\x0dall good"
    assert printable("a\u202eb\x9bc\x07") == "a\\u202eb\\x9bc\\x07"
    assert printable("line\nnext\ttab") == "line\nnext\ttab"
    assert printable("line\nnext", one_line=True) == "line\\nnext"
    assert printable("Café — 日本") == "Café — 日本"


def _workspace(tmp_path: Path, text: str) -> None:
    (tmp_path / "cjm.yaml").write_text("cjm: 1\n")
    (tmp_path / "a.cjm.yaml").write_text(text)


@pytest.mark.parametrize("command", [["validate"], ["lint"], ["validate", "--format", "github"]])
def test_validate_and_lint_show_control_characters_escaped(tmp_path: Path, command: list[str]) -> None:
    evil = 'channel: "web\\e[2K\\rall good"\n        owner'
    _workspace(tmp_path, MINIMAL.replace("channel: website\n        owner", evil))
    res = run_cli(*command, cwd=tmp_path)
    assert res.exit_code == 1
    assert not RAW_CONTROL.search(res.stdout + res.stderr), repr(res.stdout)
    assert "web\\x1b[2K\\x0dall good" in res.stdout


def test_a_path_with_a_line_break_cannot_fake_a_diagnostic_line(tmp_path: Path) -> None:
    name = "a.cjm.yaml\nall.cjm.yaml:1:1: ok"
    (tmp_path / name).write_text("cjm: [\n")
    res = run_cli("validate", name, cwd=tmp_path)
    assert res.exit_code == 1
    assert res.stdout.splitlines()[0].startswith("a.cjm.yaml\\nall.cjm.yaml:1:1: ok:")


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_text_diff_shows_control_characters_escaped(tmp_path: Path) -> None:
    from diff_helpers import commit_all, init_repo

    repo = init_repo(tmp_path / "maps")
    path = repo / "journeys" / "a.cjm.yaml"
    path.write_text(MINIMAL)
    commit_all(repo, "A map")
    path.write_text(MINIMAL.replace("title: Checking out", 'title: "Pay\\e[1A\\e[2K\\e]0;owned\\a"'))
    res = run_cli("diff", "HEAD", "--format", "text", cwd=repo)
    assert res.exit_code in (0, 1), res.stderr
    assert not RAW_CONTROL.search(res.stdout), repr(res.stdout)
    assert "Pay\\x1b[1A\\x1b[2K\\x1b]0;owned\\x07" in res.stdout


def test_render_markdown_neutralises_mentions_and_links() -> None:
    _, journey = valid_journey(hostile_yaml(MENTIONS))
    markdown = journey_markdown(journey, journey.catalog).split("```mermaid")[0]
    assert_no_autolinks(markdown)
    assert MENTIONS.replace("@", "@" + WORD_JOINER) not in markdown  # the joiner is in, the words stay
    assert "everyone" in markdown and "security-team" in markdown and "evil.example" in markdown


def _report(title: str, evil: str) -> DiffReport:
    _, old = valid_journey(hostile_yaml("Search tours"))
    _, new = valid_journey(hostile_yaml(evil))
    diff = FileDiff(
        status="modified",
        old_path="tour.cjm.yaml",
        new_path="tour.cjm.yaml",
        title=title,
        journey_id="tour-booking",
        changes=diff_journeys(old, new),
        old_journey=old,
        new_journey=new,
        old_catalog=old.catalog,
        new_catalog=new.catalog,
    )
    return DiffReport(old_label="main", new_label=evil, files=[diff])


def test_diff_markdown_neutralises_mentions_and_links_everywhere_even_in_summary() -> None:
    markdown = render_markdown(_report("@everyone www.x.example acme/infra#1", MENTIONS))
    summaries = re.findall(r"<summary>(.*?)</summary>", markdown)
    assert summaries and all("everyone" in s for s in summaries)
    for summary in summaries:
        assert_no_autolinks(summary)
    assert_no_autolinks(markdown)


def test_diff_markdown_shows_control_characters_escaped_even_in_summary() -> None:
    # The report is often printed to a terminal (or a CI log) before it is pasted anywhere.
    evil = "Search\x1b[1A\x1b[2K\x1b]0;owned\x07 tours\x00"
    markdown = render_markdown(_report(evil, evil))
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", markdown), repr(markdown)
    summaries = re.findall(r"<summary>(.*?)</summary>", markdown)
    assert summaries and all("Search\\x1b[1A" in s for s in summaries)
    assert "Search\\x1b[1A\\x1b[2K\\x1b]0;owned\\x07 tours\\x00" in _decoded(markdown)


def test_diff_markdown_shows_an_apostrophe_as_one() -> None:
    markdown = render_markdown(_report("Tom's booking", "Tom's booking"))
    assert "&\\#x27;" not in markdown and "&#x27;" not in markdown.split("<details>")[0]
    assert "Tom's booking" in _decoded(markdown)


def test_diff_html_has_the_reports_content_security_policy() -> None:
    html = render_html(_report("A", "B"), engine="embedded")
    assert f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">' in html
    base = (REPO / "templates" / "report" / "base.html.j2").read_text()
    assert f'content="{CONTENT_SECURITY_POLICY}"' in base, "the diff page and the report must share one policy"


def test_a_site_note_about_a_file_shows_its_name_escaped(tmp_path: Path) -> None:
    (tmp_path / "cjm.yaml").write_text("cjm: 1\n")
    (tmp_path / "a.cjm.yaml").write_text(MINIMAL)
    (tmp_path / "b\x1b[2K\r.cjm.yaml").write_text(MINIMAL)  # the same journey id: skipped, with a note
    res = run_cli("render", "--site", "out", "--engine", "embedded", cwd=tmp_path)
    assert "cjm: skipped" in res.stderr, res.stderr
    assert not RAW_CONTROL.search(res.stderr), repr(res.stderr)
    assert "b\\x1b[2K\\x0d.cjm.yaml" in res.stderr
