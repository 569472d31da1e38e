"""cjm init and cjm new: a valid, commented starting point, never overwriting anything."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cjmkit.validation import validate_file
from tests.authoring_helpers import copy_examples, template_files
from tests.conftest import Result

Cjm = Callable[..., Result]

TEMPLATE_NAMES = [p.name.removesuffix(".cjm.yaml") for p in template_files()]


def test_the_six_templates_ship() -> None:
    assert {"b2c", "b2b", "saas", "employee", "tactical", "performance"} <= set(TEMPLATE_NAMES)


@pytest.mark.parametrize("path", template_files(), ids=lambda p: p.name)
def test_each_template_is_valid_commented_and_asks_guiding_questions(path: Path) -> None:
    result = validate_file(path)
    assert result.valid, result.diagnostics
    text = path.read_text()
    assert text.count("#") >= 8
    assert "?" in "".join(line for line in text.splitlines() if line.lstrip().startswith("#"))


def test_b2b_template_reaches_the_end_of_the_relationship() -> None:
    journey = validate_file(next(p for p in template_files() if p.name == "b2b.cjm.yaml")).journey
    assert journey is not None
    assert journey.stages[-1].phase == "exit"


def test_saas_template_has_several_personas() -> None:
    journey = validate_file(next(p for p in template_files() if p.name == "saas.cjm.yaml")).journey
    assert journey is not None and len(journey.personas) >= 2


def test_init_creates_a_valid_workspace_and_refuses_to_overwrite(cjm: Cjm, tmp_path: Path) -> None:
    res = cjm("init", "team-maps", cwd=tmp_path)
    assert res.exit_code == 0, res.stderr
    ws = tmp_path / "team-maps"
    config = (ws / "cjm.yaml").read_text()
    assert "# " in config and "catalog:" in config
    assert cjm("validate", cwd=ws).exit_code == 0
    assert cjm("fmt", "--check", ".", "cjm.yaml", cwd=ws).exit_code == 0
    (ws / "cjm.yaml").write_text(config + "# my own notes\n")
    again = cjm("init", "team-maps", cwd=tmp_path)
    assert again.exit_code == 2
    assert "never overwrites" in again.stderr
    assert (ws / "cjm.yaml").read_text().endswith("# my own notes\n")


@pytest.mark.parametrize("name", [n for n in TEMPLATE_NAMES if n != "tactical"])
def test_new_from_each_template_is_valid_in_a_workspace(cjm: Cjm, tmp_path: Path, name: str) -> None:
    assert cjm("init", cwd=tmp_path).exit_code == 0
    res = cjm("new", "store-visit", "--template", name, "--title", 'Visiting the store: a "quick" look', cwd=tmp_path)
    assert res.exit_code == 0, res.stdout + res.stderr
    created = tmp_path / "journeys" / "store-visit.cjm.yaml"
    result = validate_file(created)
    assert result.journey is not None
    assert result.journey.id == "store-visit"
    assert result.journey.title == 'Visiting the store: a "quick" look'
    assert cjm("validate", cwd=tmp_path).exit_code == 0


def test_tactical_map_needs_and_checks_its_focus(cjm: Cjm, tmp_path: Path) -> None:
    ws = copy_examples(tmp_path)
    res = cjm("new", "search-zoom", "-t", "tactical", cwd=ws)
    assert res.exit_code == 2 and "--focus" in res.stderr
    res = cjm("new", "search-zoom", "-t", "tactical", "--focus", "tour-booking/tour-serch", cwd=ws)
    assert res.exit_code == 1
    assert "did you mean 'tour-search'" in res.stdout
    assert not (ws / "journeys" / "search-zoom.cjm.yaml").exists()
    res = cjm("new", "search-zoom", "-t", "tactical", "--focus", "tour-booking/tour-search", cwd=ws)
    assert res.exit_code == 0, res.stdout + res.stderr
    text = (ws / "journeys" / "search-zoom.cjm.yaml").read_text()
    assert "focus: {journey: tour-booking, touchpoint: tour-search}" in text
    assert cjm("validate", cwd=ws).exit_code == 0


def test_new_refuses_to_overwrite_and_rejects_bad_ids(cjm: Cjm, tmp_path: Path) -> None:
    ws = copy_examples(tmp_path)
    target = ws / "journeys" / "tour-booking.cjm.yaml"
    before = target.read_text()
    res = cjm("new", "tour-booking", cwd=ws)
    assert res.exit_code == 2 and "already exists" in res.stderr
    assert target.read_text() == before
    res = cjm("new", "Tour Booking", cwd=ws)
    assert res.exit_code == 2 and "not a valid journey id" in res.stderr
    res = cjm("new", "x", "-t", "saaz", cwd=ws)
    assert res.exit_code == 2 and "did you mean 'saas'" in res.stderr


def test_workspace_templates_are_listed_and_used(cjm: Cjm, tmp_path: Path) -> None:
    assert cjm("init", cwd=tmp_path).exit_code == 0
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "support.cjm.yaml").write_text(
        "# Our support-desk journey, with the house stages.\ncjm: 1\nid: support-template\ntitle: Support\n"
        "stages:\n  - id: ask\n    name: Ask for help\n    owner: support\n"
    )
    config = tmp_path / "cjm.yaml"
    config.write_text(config.read_text().replace("templates: {}", "templates:\n  support: house/support.cjm.yaml"))
    listing = cjm("new", "--list", cwd=tmp_path)
    assert listing.exit_code == 0
    assert "support" in listing.stdout and "Our support-desk journey" in listing.stdout
    assert all(name in listing.stdout for name in TEMPLATE_NAMES)
    res = cjm("new", "printer-help", "-t", "support", cwd=tmp_path)
    assert res.exit_code == 0, res.stdout + res.stderr
    assert "id: printer-help" in (tmp_path / "journeys" / "printer-help.cjm.yaml").read_text()


def test_new_makes_a_readable_id_from_a_title_in_any_script(cjm: Cjm, tmp_path: Path) -> None:
    assert cjm("init", cwd=tmp_path).exit_code == 0
    res = cjm("new", "--title", "Поиск тура", cwd=tmp_path)
    assert res.exit_code == 0, res.stderr
    journey = validate_file(tmp_path / "journeys" / "poisk-tura.cjm.yaml").journey
    assert journey is not None and journey.id == "poisk-tura" and journey.title == "Поиск тура"
    res = cjm("new", "--title", "???", cwd=tmp_path)
    assert res.exit_code == 2 and "--title has no letters or digits" in res.stderr


def schema_target(path: Path) -> str:
    """Where the file's first line tells editors to find its schema."""
    first = path.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix), f"{path.name} starts with {first!r}"
    return first.removeprefix(prefix)


def test_init_and_new_write_a_schema_line_that_resolves(cjm: Cjm, tmp_path: Path) -> None:
    res = cjm("init", "maps", cwd=tmp_path)
    assert res.exit_code == 0, res.stderr
    ws = tmp_path / "maps"
    assert "created schemas/journey.schema.json" in res.stdout.replace("maps/", "")
    journey_schema = cjm("schema").stdout
    for path, printed in (
        (ws / "journeys" / "first-journey.cjm.yaml", journey_schema),
        (ws / "cjm.yaml", cjm("schema", "--workspace").stdout),
    ):
        schema = (path.parent / schema_target(path)).resolve()
        assert schema.read_text(encoding="utf-8") == printed, path.name  # the installed cjm's own schema
    assert cjm("new", "checkout", "--template", "b2c", cwd=ws).exit_code == 0
    assert cjm("new", "returns", "-o", "journeys/eu/returns.cjm.yaml", cwd=ws).exit_code == 0
    for path in (ws / "journeys" / "checkout.cjm.yaml", ws / "journeys" / "eu" / "returns.cjm.yaml"):
        assert (path.parent / schema_target(path)).resolve() == ws / "schemas" / "journey.schema.json"
        assert path.read_text(encoding="utf-8").count("yaml-language-server") == 1
    assert cjm("validate", cwd=ws).exit_code == 0


def test_new_without_a_schema_in_the_workspace_points_at_the_published_one(cjm: Cjm, tmp_path: Path) -> None:
    ws = copy_examples(tmp_path)
    assert cjm("new", "checkout", cwd=ws).exit_code == 0
    assert schema_target(ws / "journeys" / "checkout.cjm.yaml").startswith("https://")


def test_imported_maps_start_with_a_schema_line_that_resolves(cjm: Cjm, tmp_path: Path) -> None:
    assert cjm("init", cwd=tmp_path).exit_code == 0
    diagram = "```mermaid\njourney\n  title Make tea\n  section Kitchen\n    Boil water: 3: Me\n```\n"
    (tmp_path / "tea.md").write_text(diagram, encoding="utf-8")
    assert cjm("import", "mermaid", "tea.md", "-o", "journeys/home/tea.cjm.yaml", cwd=tmp_path).exit_code == 0
    res = cjm("export", "csv", "journeys/first-journey.cjm.yaml", "-o", "first.csv", cwd=tmp_path)
    assert res.exit_code == 0, res.stderr
    res = cjm("import", "csv", "first.csv", "--id", "second", cwd=tmp_path)
    assert res.exit_code == 0, res.stdout + res.stderr
    for path in (tmp_path / "journeys" / "home" / "tea.cjm.yaml", tmp_path / "journeys" / "second.cjm.yaml"):
        assert (path.parent / schema_target(path)).resolve() == tmp_path / "schemas" / "journey.schema.json"
        assert path.read_text(encoding="utf-8").count("yaml-language-server") == 1
    assert cjm("validate", cwd=tmp_path).exit_code == 0
