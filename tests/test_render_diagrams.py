"""The Graphviz views, Mermaid and Markdown, checked against golden files and as the engines read them."""

from __future__ import annotations

import os
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from cjmkit.errors import RenderError
from cjmkit.rendering.dot import blueprint_dot, flow_dot
from cjmkit.rendering.engine import _embedded_backend, render, render_svg
from cjmkit.rendering.markdown import journey_markdown
from cjmkit.rendering.mermaid import journey_mermaid
from render_helpers import GOLDEN, TOUR, example_workspace, load_journey

SVG = "{http://www.w3.org/2000/svg}"


def check_golden(name: str, actual: str) -> None:
    """Compare with tests/golden/render/<name>; CJM_UPDATE_GOLDEN=1 rewrites the file instead."""
    path = GOLDEN / name
    if os.environ.get("CJM_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8"), f"{name} changed; review and set CJM_UPDATE_GOLDEN=1"


def test_flow_dot_matches_golden() -> None:
    journey, catalog = load_journey()
    check_golden("tour-booking.flow.dot", flow_dot(journey, catalog))


def test_blueprint_dot_matches_golden() -> None:
    journey, catalog = load_journey()
    check_golden("tour-booking.blueprint.dot", blueprint_dot(journey, catalog))


def test_mermaid_matches_golden() -> None:
    journey, catalog = load_journey()
    check_golden("tour-booking.mmd", journey_mermaid(journey, catalog))


def svg_texts(svg: str) -> str:
    root = ET.fromstring(svg)
    return " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))


def test_flow_svg_shows_every_stage_touchpoint_and_the_flow() -> None:
    journey, catalog = load_journey()
    svg = render_svg(flow_dot(journey, catalog), engine="embedded")
    text = svg_texts(svg)
    for stage in journey.stages:
        assert stage.name in text
    for *_, tp in journey.iter_touchpoints():
        assert tp.name.split()[0] in text
    root = ET.fromstring(svg)
    edges = [g for g in root.iter(f"{SVG}g") if g.get("class") == "edge"]
    visible = [e for e in edges if e.find(f"{SVG}path") is not None and e.find(f"{SVG}path").get("stroke") != "none"]
    # tour-booking chains all 8 touchpoints with `next`: 7 drawn arrows.
    assert len(visible) >= 7
    # The worst touchpoint is filled with the most negative colour and says why.
    assert "feels −2 · wants +1 ▲" in text
    assert "⚠ 2 pain points · high" in text
    assert "★ moment of truth" in text


def test_flow_follows_map_order_when_no_touchpoint_says_next(tmp_path: Path) -> None:
    from render_helpers import journey_from_yaml

    journey = journey_from_yaml(
        """
cjm: 1
id: returns
title: Returning an order
stages:
  - id: ask
    name: Ask
    touchpoints: [{id: form, name: Fills the returns form}, {id: label, name: Prints the label}]
  - id: send
    name: Send
    touchpoints: [{id: drop, name: Drops the parcel}]
  - id: wait
    name: Wait
"""
    )
    dot = flow_dot(journey, None)
    assert '"tp:form" -> "tp:label";' in dot
    assert '"tp:label" -> "tp:drop";' in dot
    svg = render_svg(dot, engine="embedded")
    assert "no touchpoints yet" in svg_texts(svg)  # the empty stage still has its column


@pytest.mark.parametrize("view", ["flow", "blueprint"])
def test_text_that_looks_like_an_entity_is_drawn_as_written(view: str) -> None:
    """Graphviz reads '&amp;' or '&copy;' in a label as a character: a map about HTML or law keeps its words."""
    from render_helpers import journey_from_yaml

    journey = journey_from_yaml(
        """
cjm: 1
id: markup
title: "Escaping &amp; in <b> tags, AT&T"
stages:
  - id: legal
    name: "Legal &sect; 4"
    touchpoints: [{id: notice, name: "Reads the &copy; notice"}]
"""
    )
    dot = (flow_dot if view == "flow" else blueprint_dot)(journey, None)
    for engine in ["embedded"] + (["system"] if shutil.which("dot") else []):
        text = svg_texts(render_svg(dot, engine=engine))
        assert "Escaping &amp; in <b> tags, AT&T" in text
        assert "Legal &sect; 4" in text
        assert "Reads the &copy;" in text


def test_highlight_marks_added_removed_and_changed_items() -> None:
    journey, catalog = load_journey()
    dot = flow_dot(journey, catalog, {"booking": "changed", "tour-search": "added", "departure": "removed", "x": "odd"})
    svg = render_svg(dot, engine="embedded")
    root = ET.fromstring(svg)
    by_id = {g.get("id"): g for g in root.iter(f"{SVG}g") if g.get("id")}
    assert "added" in by_id["tp-tour-search"].get("class", "")
    assert "removed" in by_id["tp-departure"].get("class", "")
    text = svg_texts(svg)
    assert "[ADDED]" in text and "[REMOVED]" in text and "[CHANGED] Booking" in text
    assert "odd" not in dot


def test_blueprint_has_the_lanes_in_order() -> None:
    journey, catalog = load_journey()
    svg = render_svg(blueprint_dot(journey, catalog), engine="embedded")
    root = ET.fromstring(svg)
    lanes = []
    for g in root.iter(f"{SVG}g"):
        title = g.find(f"{SVG}title")
        if g.get("class") == "node" and title is not None and (title.text or "").startswith("lanes:"):
            text = next(g.iter(f"{SVG}text"), None)
            assert text is not None
            lanes.append((float(text.get("y", "0")), text.text))
    ordered = [name for _, name in sorted(lanes)]
    assert ordered[0] == "Channel / evidence"
    assert ordered.index("Touchpoints (frontstage)") < ordered.index("Line of visibility")
    assert ordered.index("Line of visibility") < ordered.index("Support systems")
    assert "Site platform" in svg_texts(svg)


@pytest.mark.skipif(shutil.which("dot") is None, reason="system Graphviz (dot) is not installed")
def test_system_engine_draws_png_and_pdf() -> None:
    journey, catalog = load_journey()
    dot = flow_dot(journey, catalog)
    assert render(dot, "png", engine="system").startswith(b"\x89PNG")
    assert render(dot, "pdf", engine="system").startswith(b"%PDF")
    ET.fromstring(render(dot, "svg", engine="system"))


def test_markdown_has_a_row_per_touchpoint_and_the_diagram() -> None:
    journey, catalog = load_journey()
    md = journey_markdown(journey, catalog)
    rows = [line for line in md.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) == 1 + sum(1 for _ in journey.iter_touchpoints())
    assert "```mermaid\njourney\n" in md
    assert "| Research | Searches tours on the web site | Web site | −2 (+1) | 2 (worst: high) | ★ |" in md


def test_example_renders_as_cli_without_system_graphviz(cjm, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """With no `dot` on PATH, auto picks the built-in Graphviz and every diagram format works."""
    bare = tmp_path / "bin"
    bare.mkdir()
    env = {"PATH": str(bare)}
    svg = cjm("render", str(TOUR), "--format", "svg", env=env)
    assert svg.exit_code == 0, svg.stderr
    assert "Searches tours" in svg_texts(svg.stdout)
    # The WebAssembly engine is freed cleanly: nothing at all on stderr.
    assert svg.stderr == ""
    for fmt, magic in (("png", b"\x89PNG"), ("pdf", b"%PDF")):
        drawn = cjm("render", str(TOUR), "-o", str(tmp_path / f"map.{fmt}"), env=env)
        assert drawn.exit_code == 0, drawn.stderr
        assert (tmp_path / f"map.{fmt}").read_bytes().startswith(magic)
    system = cjm("render", str(TOUR), "--engine", "system", env=env)
    assert system.exit_code == 2 and "--engine embedded" in system.stderr


def test_cli_writes_every_text_format(cjm, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for name, marker in [
        ("map.dot", "digraph"),
        ("map.mmd", "journey"),
        ("map.md", "```mermaid"),
        ("map.html", "<!DOCTYPE html>"),
    ]:
        res = cjm("render", str(TOUR), "-o", str(tmp_path / name))
        assert res.exit_code == 0, res.stderr
        assert marker in (tmp_path / name).read_text(encoding="utf-8")
    bp = cjm("render", str(TOUR), "--view", "blueprint", "-f", "dot")
    assert "Line of visibility" in bp.stdout


def test_cli_never_overwrites_a_journey_and_rejects_bad_input(cjm, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "other.cjm.yaml"
    target.write_text("cjm: 1\n", encoding="utf-8")
    res = cjm("render", str(TOUR), "-o", str(target), "-f", "svg")
    assert res.exit_code == 2 and target.read_text(encoding="utf-8") == "cjm: 1\n"
    broken = tmp_path / "broken.cjm.yaml"
    broken.write_text(
        "cjm: 1\nid: x\ntitle: T\nstages:\n  - id: a\n    name: A\n    touchpoints: [{id: t, name: T, emotion: 7}]\n"
    )
    res = cjm("render", str(broken), "-f", "mermaid")
    assert res.exit_code == 1
    assert "broken.cjm.yaml:7" in res.stderr and "Traceback" not in res.stderr and res.stdout == ""
    assert cjm("render", str(TOUR), "--view", "sideways").exit_code == 2
    assert cjm("render", str(tmp_path / "missing.cjm.yaml")).exit_code == 2


def test_mermaid_of_every_example_is_one_statement_per_line() -> None:
    ws = example_workspace()
    from cjmkit.validation import validate_file

    task = re.compile(r"^      [^:\n;#%]+: [1-5](: [^:\n;#%]+)?$")
    for path in ws.journey_files():
        result = validate_file(path, ws)
        if result.journey is None or not result.valid:
            continue
        lines = journey_mermaid(result.journey, ws.catalog).splitlines()
        assert lines[0] == "journey"
        for line in lines[2:]:
            assert line.startswith("    section ") or task.match(line), (path, line)


def test_labels_starting_with_a_line_break_are_drawn_by_the_builtin_graphviz() -> None:
    """A title or name pasted with a leading line break used to crash the built-in Graphviz (a WebAssembly trap)."""
    journey, catalog = load_journey()
    stage = journey.stages[0]
    first = stage.touchpoints[0].model_copy(update={"name": "\r\nSearches tours"})
    stage = stage.model_copy(update={"touchpoints": [first, *stage.touchpoints[1:]]})
    journey = journey.model_copy(update={"title": "\nBooking a tour", "stages": [stage, *journey.stages[1:]]})
    for view in ("flow", "blueprint"):
        svg = render_svg(flow_dot(journey, catalog) if view == "flow" else blueprint_dot(journey, catalog), "embedded")
        texts = svg_texts(svg)
        assert "Booking a tour" in texts and "Searches tours" in texts


def test_a_crash_inside_the_builtin_graphviz_is_a_render_error_and_the_next_drawing_works() -> None:
    # This pair of raw graphs (labels opening with an empty line) makes a fresh WebAssembly engine
    # trap; after other drawings in the same process its memory is laid out differently and it may
    # not, so the test starts from a fresh engine, as a new cjm process does.
    _embedded_backend.cache_clear()
    with pytest.raises(RenderError, match="built-in Graphviz failed") as caught:
        render('digraph { graph [label="\\nx"]; a }', "svg", engine="embedded")
        render('digraph { graph [labelloc=t, labeljust=l, label="\\nx"]; a }', "svg", engine="embedded")
    # The remedy comes before the engine's own words, which mean nothing to a map's author.
    message = str(caught.value)
    assert message.index("--engine system") < message.index("Technical detail")
    assert "apt-get install graphviz" in message
    assert "b" in svg_texts(render_svg("digraph { b }", "embedded"))
