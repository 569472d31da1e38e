"""cjm import mermaid: sections, tasks, scores and actors become a valid journey; the rest is reported."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cjmkit.model import Journey
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


FIXTURES = Path(__file__).resolve().parent / "data" / "mermaid"


def import_fixture(cjm: Cjm, tmp_path: Path, name: str, *options: str) -> tuple[Result, Journey]:
    """Import a fixture into a fresh workspace; the result must be written and valid."""
    bare_workspace(tmp_path)
    (tmp_path / name).write_bytes((FIXTURES / name).read_bytes())
    res = cjm("import", "mermaid", name, "-o", "out.cjm.yaml", *options, cwd=tmp_path)
    assert res.exit_code == 0, res.stdout + res.stderr
    journey = validate_file(tmp_path / "out.cjm.yaml").journey
    assert journey is not None
    return res, journey


def tasks(journey: Journey) -> list[tuple[str, str, int | None, list[str]]]:
    return [(stage.name, tp.name, tp.emotion, tp.personas) for _, stage, _, tp in journey.iter_touchpoints()]


def test_a_diagram_in_an_html_div_ends_at_the_closing_tag(cjm: Cjm, tmp_path: Path) -> None:
    res, journey = import_fixture(cjm, tmp_path, "html-div.md")
    assert journey.title == "Getting help with a broken router"
    assert [name for _, name, _, _ in tasks(journey)] == [
        "Internet stops",
        "Restarts the router",
        "Calls the hotline",
        "Waits in the queue",
        "Gets a ticket number",
    ]
    assert journey.personas == ["customer", "agent"]  # no '<comma separated list of actors>'
    assert "not understood" not in res.stdout


def test_a_diagram_in_a_restructuredtext_code_directive_ends_with_its_indented_block(cjm: Cjm, tmp_path: Path) -> None:
    res, journey = import_fixture(cjm, tmp_path, "docs.rst")
    assert tasks(journey) == [
        ("Choose", "Browses the catalogue", 1, ["buyer"]),
        ("Choose", "Asks for approval", -1, ["buyer", "manager"]),
        ("Receive", "Gets the delivery", 2, ["buyer"]),
    ]
    assert "Owner" not in res.stdout and "Web" not in res.stdout


def test_a_diagram_in_an_html_pre_element_has_its_entities_decoded(cjm: Cjm, tmp_path: Path) -> None:
    _, journey = import_fixture(cjm, tmp_path, "page.html")
    assert tasks(journey) == [
        ("Pay", "Enters card & address", -1, ["shopper"]),
        ("Pay", "Confirms > pays", 1, ["shopper"]),
    ]


def test_of_several_diagrams_the_one_asked_for_is_imported_and_the_others_are_named(cjm: Cjm, tmp_path: Path) -> None:
    res, journey = import_fixture(cjm, tmp_path, "several.md")
    assert journey.title == "Buying bread"
    assert "warning: several.md has 2 journey diagrams" in res.stderr
    assert "2 'Baking at night' (line 14)" in res.stderr and "--index N" in res.stderr

    second = cjm("import", "mermaid", "several.md", "--index", "2", "-o", "second.cjm.yaml", cwd=tmp_path)
    assert second.exit_code == 0, second.stderr
    by_title = cjm("import", "mermaid", "several.md", "--title", "baking at NIGHT", "-o", "t.cjm.yaml", cwd=tmp_path)
    assert by_title.exit_code == 0, by_title.stderr
    assert (tmp_path / "second.cjm.yaml").read_text() == (tmp_path / "t.cjm.yaml").read_text()
    # The user chose: no note about the diagrams they did not ask for.
    assert "warning" not in second.stderr and "warning" not in by_title.stderr, second.stderr + by_title.stderr
    baking = validate_file(tmp_path / "t.cjm.yaml").journey
    assert baking is not None and [tp.name for _, _, _, tp in baking.iter_touchpoints()] == [
        "Mixes the dough",
        "Fires the oven",
    ]

    for wrong in (("--index", "3"), ("--title", "Selling cakes")):
        res = cjm("import", "mermaid", "several.md", *wrong, "-o", "x.cjm.yaml", cwd=tmp_path)
        assert res.exit_code == 2 and "'Buying bread'" in res.stderr, res.stderr
        assert "Traceback" not in res.stderr and not (tmp_path / "x.cjm.yaml").exists()


def test_a_title_that_several_diagrams_share_imports_the_first_and_says_so(cjm: Cjm, tmp_path: Path) -> None:
    twice = "```mermaid\njourney\n  title Same\n  section A\n    One: 1: me\n```\n\n"
    twice += "```mermaid\njourney\n  title Same\n  section B\n    Two: 2: me\n```\n"
    (tmp_path / "twice.md").write_text(twice, encoding="utf-8")
    res = cjm("import", "mermaid", "twice.md", "--title", "Same", "-o", "same.cjm.yaml", cwd=tmp_path)
    assert res.exit_code == 0, res.stderr
    assert "2 journey diagrams of twice.md have that title" in res.stderr and "--index N" in res.stderr
    journey = validate_file(tmp_path / "same.cjm.yaml").journey
    assert journey is not None and [tp.name for _, _, _, tp in journey.iter_touchpoints()] == ["One"]


def test_keywords_follow_mermaids_journey_grammar(cjm: Cjm, tmp_path: Path) -> None:
    res, journey = import_fixture(cjm, tmp_path, "keywords.mmd")
    assert journey.title == "Breakfast day"  # 'Title' is a keyword in any case
    assert tasks(journey) == [
        ("Morning", "titled breakfast", 2, ["me"]),  # no blank after 'title': a task
        ("Morning", "Make tea", -2, ["me"]),  # score 0 is accepted
        ("Morning", "sectional sofa", 0, ["me"]),
        ("Morning", "Extra", -1, ["me"]),  # 'Me: you': Mermaid's actor is 'Me'
    ]
    assert "line 5: score 0 of 'Make tea' was read as 1" in res.stdout


def test_ids_are_transliterated_from_any_script(cjm: Cjm, tmp_path: Path) -> None:
    _, journey = import_fixture(cjm, tmp_path, "russian.md")
    assert journey.id == "poisk-tura" and journey.title == "Поиск тура"
    assert [s.id for s in journey.stages] == ["poisk", "oplata", "zhi-fu", "kratisi", "stage"]
    assert [tp.id for _, _, _, tp in journey.iter_touchpoints()] == [
        "ishchet-tur-na-sayte",
        "oplachivaet-kartoy",
        "xuan-ze-lu-xian",
        "epivevaiosi",
        "touchpoint",  # '…': nothing readable to make an id from
    ]
    assert journey.personas == ["pokupatel", "menedzher", "gu-ke", "pelatis"]


def test_slugs_are_readable_in_every_script_and_placeholders_only_when_nothing_is_left() -> None:
    from cjmkit.authoring.importing import slugify

    assert slugify("Поиск тура") == "poisk-tura"
    assert slugify("Κράτηση θέσης") == "kratisi-thesis"
    assert slugify("支付 online") == "zhi-fu-online"
    assert slugify("Make tea!") == "make-tea"
    assert slugify("— ? —", "stage") == "stage"


def test_slugs_keep_words_whole_across_signs_and_apostrophes() -> None:
    """Russian soft and hard signs come out of transliteration as apostrophes: they do not split the word."""
    from cjmkit.authoring.importing import slugify

    assert slugify("Поиск тура для семьи") == "poisk-tura-dlya-semi"
    assert slugify("Подаёт объявление") == "podaet-obyavlenie"
    assert slugify("Don't panic") == "dont-panic"
    assert slugify("Customer’s view") == "customers-view"


def test_an_embedding_example_in_an_html_code_block_is_not_a_diagram(cjm: Cjm, tmp_path: Path) -> None:
    bare_workspace(tmp_path)
    example = '```html\n<div class="mermaid">\njourney\n  title Example\n  section A\n    Task: 5: Me\n</div>\n```\n'
    (tmp_path / "howto.md").write_text("# Embedding\n\n" + example + "\nOur real journey:\n\n" + WIKI_PAGE)
    res = cjm("import", "mermaid", "howto.md", "-o", "out.cjm.yaml", cwd=tmp_path)
    assert res.exit_code == 0, res.stdout + res.stderr
    assert "warning" not in res.stderr
    journey = validate_file(tmp_path / "out.cjm.yaml").journey
    assert journey is not None and journey.title == "Signing up for the app"
