"""Fuzzing the edges of the format: extreme dates and numbers, control characters in every text field,
and the ways a path can be spelled for ``cjm diff`` (links and places outside the repository included).

Invariants: nothing raises but a clean problem; a valid map goes through every command; JSON is strict;
text output carries no raw control character; Markdown makes no mention or link; diff reads nothing
from outside the repository.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cjmkit.authoring.csv_export import journey_to_csv
from cjmkit.authoring.json_export import journey_to_json
from cjmkit.authoring.stats import portfolio, to_markdown, to_text
from cjmkit.diagnostics.output import text_line
from cjmkit.diffing import diff_journeys
from cjmkit.diffing.changes import DiffReport, FileDiff
from cjmkit.diffing.formats.markdown import render_markdown
from cjmkit.diffing.formats.text import write_text
from cjmkit.linting import default_settings, lint_journey
from cjmkit.rendering.markdown import journey_markdown
from cjmkit.rendering.report import render_template, report_context
from cjmkit.validation import UsageError
from tests.fuzz.checks import load_and_validate
from tests.fuzz.profiles import FUZZ, scaled
from tests.fuzz.strategies import DIFF_PATH_SPELLINGS, control_data, extreme_data, to_json_yaml

TODAY = dt.date(2026, 6, 1)
SETTINGS = default_settings(TODAY)
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
AUTOLINKS = re.compile(r"(?<![\w`])@[A-Za-z0-9]|#\d|\bwww\.|[a-z]+://", re.IGNORECASE)


def _strict_json(text: str) -> Any:
    def refuse(constant: str) -> None:
        raise AssertionError(f"non-standard JSON constant {constant}")

    return json.loads(text, parse_constant=refuse)


@scaled(2)
@given(extreme_data())
def test_extreme_dates_and_numbers_are_problems_or_go_through_every_command(data: dict[str, Any]) -> None:
    doc, result = load_and_validate(to_json_yaml(data))
    assert doc is not None and result is not None
    if not result.valid or result.journey is None:
        assert all(d.code.startswith("E") and d.line for d in result.diagnostics)
        return
    journey = result.journey
    lint_journey(journey, doc, journey.catalog, SETTINGS)
    figures = portfolio([(journey, "map.cjm.yaml")], TODAY)
    _strict_json(json.dumps(figures.to_dict()))
    to_text(figures)
    to_markdown(figures)
    journey_markdown(journey, journey.catalog, TODAY)
    # The whole report but the diagram (its layout has nothing to do with numbers or dates, and is slow).
    render_template("report.html.j2", report_context(journey, journey.catalog, today=TODAY))
    _strict_json(journey_to_json(journey))
    journey_to_csv(journey)
    assert diff_journeys(journey, journey) == []


@FUZZ
@given(control_data())
def test_control_characters_in_every_text_field_stay_out_of_text_and_markdown(data: dict[str, Any]) -> None:
    doc, result = load_and_validate(to_json_yaml(data))
    assert doc is not None and result is not None
    for d in result.diagnostics:
        assert not RAW_CONTROL.search(text_line(d)), repr(text_line(d))
    if result.journey is None:
        return
    journey = result.journey
    for d in lint_journey(journey, doc, journey.catalog, SETTINGS):
        assert not RAW_CONTROL.search(text_line(d)), repr(text_line(d))
    markdown = journey_markdown(journey, journey.catalog, TODAY).split("```mermaid")[0]
    assert not AUTOLINKS.search(_seen(markdown)), markdown
    plain = copy_with_title(data, "Plain")
    _, before = load_and_validate(to_json_yaml(plain))
    assert before is not None and before.journey is not None
    diff = FileDiff(
        status="modified",
        old_path="a.cjm.yaml",
        new_path="a.cjm.yaml",
        title=journey.title,
        journey_id=journey.id,
        changes=diff_journeys(before.journey, journey),
        old_journey=before.journey,
        new_journey=journey,
        old_catalog=before.journey.catalog,
        new_catalog=journey.catalog,
    )
    report = DiffReport(old_label="main", new_label=journey.title, files=[diff])
    import io

    out = io.StringIO()
    write_text(report, out)
    assert not RAW_CONTROL.search(out.getvalue()), repr(out.getvalue())
    assert not AUTOLINKS.search(_seen(render_markdown(report)))


def copy_with_title(data: dict[str, Any], title: str) -> dict[str, Any]:
    return {**data, "title": title}


def _seen(markdown: str) -> str:
    """What a reader sees once GitHub renders the Markdown: escapes gone, entities decoded."""
    import html

    return html.unescape(re.sub(r"\\(.)", r"\1", markdown))


# -- diff and path spellings ----------------------------------------------------------------

SECRET = "aws_secret_access_key"


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository with a journey in a folder with a space, a link out of it, and a secret beside it."""
    if shutil.which("git") is None:
        pytest.skip("needs git")
    from tests.conftest import MINIMAL

    base = tmp_path_factory.mktemp("edges")
    (base / "outside.cjm.yaml").write_text(f"cjm: 1\nid: out\ntitle: T\n{SECRET}: x\nstages: []\n")
    repo = base / "repo"
    (repo / "my maps").mkdir(parents=True)
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    (repo / "my maps" / "a b.cjm.yaml").write_text(MINIMAL)
    (repo / "link.cjm.yaml").symlink_to(base / "outside.cjm.yaml")
    git("add", "-A")
    git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-qm", "maps")
    (repo / "my maps" / "a b.cjm.yaml").write_text(MINIMAL.replace("name: Pays", "name: Pays now"))
    return repo


@FUZZ
@given(DIFF_PATH_SPELLINGS, DIFF_PATH_SPELLINGS, st.booleans())
def test_any_path_spelling_is_a_report_or_a_usage_error(repo: Path, first: str, second: str, two: bool) -> None:
    import io

    from cjmkit.diffing.arguments import diff_arguments
    from cjmkit.diffing.formats.jsonfmt import write_json

    fill = {"f": "my maps/a b.cjm.yaml", "d": "my maps", "repo": repo.name}
    args = [first.format(**fill)] + ([second.format(**fill)] if two else [])
    here = os.getcwd()
    os.chdir(repo)
    try:
        try:
            report = diff_arguments(args)
        except UsageError as err:
            assert str(err) and SECRET not in str(err)
            return
    finally:
        os.chdir(here)
    out = io.StringIO()
    write_json(report, out)
    # Only a link named on the command line as a file to compare is read (the user asked for it).
    named_link = len(args) == 2 and "link.cjm.yaml" in args
    assert named_link or SECRET not in out.getvalue()
