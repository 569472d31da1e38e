"""cjm import mermaid: sections, tasks, scores and actors become a valid journey; the rest is reported."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cjmkit.validation import validate_file
from tests.authoring_helpers import bare_workspace, copy_examples
from tests.conftest import Result

Cjm = Callable[..., Result]

WIKI_PAGE = """\
# Onboarding research

The journey below was drawn in the March workshop.

```mermaid
journey
  title Signing up for the app
  accTitle: Sign-up journey
  %% scores from the usability test
  section Discover
    Read a review: 4: Sofia
    Visit the site: 3: Sofia, Diego
  section Sign up
    Create an account: 2: Sofia
    Verify e-mail: 1: Sofia
    Invite the team: x: Diego
```

Other notes.
"""


def test_wiki_diagram_becomes_a_valid_journey(cjm: Cjm, tmp_path: Path) -> None:
    bare_workspace(tmp_path)
    (tmp_path / "onboarding.md").write_text(WIKI_PAGE)
    res = cjm("import", "mermaid", "onboarding.md", cwd=tmp_path)
    assert res.exit_code == 0, res.stdout + res.stderr
    path = tmp_path / "journeys" / "signing-up-for-the-app.cjm.yaml"
    journey = validate_file(path).journey
    assert journey is not None
    assert journey.title == "Signing up for the app"
    assert [s.name for s in journey.stages] == ["Discover", "Sign up"]
    tps = [tp for _, _, _, tp in journey.iter_touchpoints()]
    assert [tp.emotion for tp in tps] == [1, 0, -1, -2, None]
    assert tps[1].personas == ["sofia", "diego"]
    assert journey.personas == ["sofia", "diego"]
    assert journey.catalog is not None and [p.name for p in journey.catalog.personas] == ["Sofia", "Diego"]
    # What could not be carried over is reported, with its line in the source.
    assert "line 8: accessibility text not carried over" in res.stdout
    assert "line 9: comment not carried over: scores from the usability test" in res.stdout
    assert "line 16: score 'x' is not 1..5" in res.stdout


def test_actors_that_are_workspace_personas_are_reused(cjm: Cjm, tmp_path: Path) -> None:
    ws = copy_examples(tmp_path)
    (ws / "trip.mmd").write_text("journey\n  title Trip day\n  section Board\n    Board the bus: 5: Trey\n")
    res = cjm("import", "mermaid", "trip.mmd", "--id", "trip-day", cwd=ws)
    assert res.exit_code == 0, res.stdout + res.stderr
    journey = validate_file(ws / "journeys" / "trip-day.cjm.yaml").journey
    assert journey is not None
    assert journey.personas == ["trey"] and journey.catalog is None
    assert cjm("validate", cwd=ws).exit_code == 0


def test_no_diagram_is_an_error_and_nothing_is_written(cjm: Cjm, tmp_path: Path) -> None:
    bare_workspace(tmp_path)
    (tmp_path / "notes.md").write_text("# Notes\n\n```mermaid\nflowchart LR\n  A --> B\n```\n")
    res = cjm("import", "mermaid", "notes.md", cwd=tmp_path)
    assert res.exit_code == 1
    assert "no Mermaid 'journey' diagram found" in res.stdout
    assert not list(tmp_path.rglob("*.cjm.yaml"))


def test_mermaid_import_never_overwrites_without_force(cjm: Cjm, tmp_path: Path) -> None:
    bare_workspace(tmp_path)
    (tmp_path / "a.mmd").write_text("journey\n  title Day\n  section Work\n    Coffee: 5: Me\n")
    target = tmp_path / "journeys" / "day.cjm.yaml"
    target.parent.mkdir()
    target.write_text("# my own map\n")
    res = cjm("import", "mermaid", "a.mmd", cwd=tmp_path)
    assert res.exit_code == 2 and "already exists" in res.stderr
    assert target.read_text() == "# my own map\n"
    assert cjm("import", "mermaid", "a.mmd", "--force", cwd=tmp_path).exit_code == 0
    assert "id: day" in target.read_text()


def test_a_bad_id_is_reported_at_the_diagram_and_nothing_is_written(cjm: Cjm, tmp_path: Path) -> None:
    bare_workspace(tmp_path)
    (tmp_path / "notes.md").write_text(WIKI_PAGE)
    res = cjm("import", "mermaid", "notes.md", "--id", "Sign Up", cwd=tmp_path)
    assert res.exit_code == 1
    # The diagram starts on line 6 of the page; the YAML that would have held the id was never written.
    assert "notes.md:6:1: error[E136] 'Sign Up' is not a valid id" in res.stdout, res.stdout
    assert "try 'sign-up'" in res.stdout and "Nothing was written" in res.stdout
    assert not list(tmp_path.rglob("*.cjm.yaml"))
