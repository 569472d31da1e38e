"""The HTML report and the site: self-contained, complete, safe with hostile text, fast on big maps."""

from __future__ import annotations

import datetime as dt
import html.parser
import json
import re
import shutil
import time
from pathlib import Path

from cjmkit.rendering.dot import blueprint_dot, flow_dot
from cjmkit.rendering.engine import render_svg
from cjmkit.rendering.markdown import journey_markdown
from cjmkit.rendering.mermaid import journey_mermaid
from cjmkit.rendering.report import html_report
from render_helpers import EXAMPLES, HOSTILE, TOUR, big_journey_yaml, example_workspace, journey_from_yaml, load_journey


class Page(html.parser.HTMLParser):
    """What a browser would act on: elements, script, event handlers, links and resources."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.handlers: list[str] = []
        self.urls: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"{tag} {name}")
            if name in ("href", "src", "xlink:href", "action") and value is not None:
                self.urls.append(value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_page(text: str) -> Page:
    page = Page()
    page.feed(text)
    return page


def test_report_shows_the_whole_map_and_needs_no_network() -> None:
    journey, catalog = load_journey()
    page_html = html_report(journey, catalog, engine="embedded", today=dt.date(2027, 6, 1))
    page = parse_page(page_html)
    text = " ".join(page.text)
    for stage in journey.stages:
        assert stage.name in text
    assert "Stale: review was due 2027-01-12" in text
    assert "Add filters by country, price and length to the tour page" in text  # opportunity with the pain
    assert "Trey Weller" in text and "Search-to-booking conversion" in text
    assert "script" not in page.tags and not page.handlers
    # Only links out to the evidence; nothing is loaded from anywhere.
    assert all(u.startswith(("#", "https://example.com/", "mailto:")) for u in page.urls), page.urls
    assert "default-src 'none'" in page_html
    assert page.tags.count("svg") == 3  # the emotion curve, the flow diagram and the perception matrix, inline
    assert "polyline" in page.tags


def test_hypothesis_map_is_marked_and_report_works_without_graphviz(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    journey = journey_from_yaml(
        "cjm: 1\nid: onboarding\ntitle: Onboarding\nstatus: hypothesis\nstages:\n"
        "  - id: sign-up\n    name: Sign up\n    touchpoints: [{id: form, name: Fills the form}]\n"
    )
    from cjmkit.rendering import engine

    monkeypatch.setattr(engine, "system_dot", lambda: None)
    page = html_report(journey, None, engine="system")
    assert "Hypothesis: not yet validated with customers" in page
    assert "The flow diagram could not be drawn here" in page
    assert "No emotions recorded yet." in page


def hostile_journey_yaml() -> str:
    h = json.dumps(HOSTILE)
    return f"""
cjm: 1
id: hostile
title: {h}
purpose: {h}
segment: {h}
personas: [p]
catalog:
  personas: [{{id: p, name: {h}}}]
  teams: [{{id: t, name: {h}, contact: {h}}}]
  channels: [{{id: c, name: {h}}}]
  systems: [{{id: s, name: {h}}}]
owner: t
stages:
  - id: s1
    name: {h}
    goal: {h}
    owner: t
    quotes: [{h}]
    touchpoints:
      - id: tp1
        name: {h}
        description: {h}
        channel: c
        owner: t
        actions: [{h}]
        thoughts: [{h}]
        feelings: [{h}]
        emotion: -2
        desired_emotion: 2
        moment_of_truth: true
        next: [tp2]
        backstage: [{{team: t, system: s, process: {h}}}]
        pain_points: [{{id: pp, description: {h}, severity: critical}}]
        kpis: [{{id: k, name: {h}, unit: {h}, target: 5, current: 1, cadence: {h}, owner: t}}]
      - id: tp2
        name: {h}
opportunities: [{{id: o, title: {h}, description: {h}, addresses: [pp], owner: t, stakeholders: [t]}}]
evidence: [{{id: e, kind: other, title: {h}, description: {h}}}]
"""


def test_hostile_text_renders_safely_in_every_format() -> None:
    journey = journey_from_yaml(hostile_journey_yaml())
    page = parse_page(html_report(journey, None, engine="embedded"))
    assert "script" not in page.tags and "b" not in page.tags and not page.handlers
    assert not any("javascript" in u for u in page.urls)
    assert any('<script>alert("x")</script>' in t for t in page.text)  # shown, as text
    for dot in (flow_dot(journey, None), blueprint_dot(journey, None)):
        svg = render_svg(dot, engine="embedded")  # still parses as DOT...
        import xml.etree.ElementTree as ET

        root = ET.fromstring(svg)  # ...and as XML, with the text shown as written
        texts = " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
        assert '<script>alert("x")</script> "quoted" \\N back\\slash' in texts
        assert not any(el.tag.endswith("script") for el in root.iter())
    mermaid = journey_mermaid(journey, None)
    body = mermaid.splitlines()
    assert len(body) == 5  # journey, title, section, two tasks: no text broke a line
    assert (
        "<" not in mermaid and "%%" not in mermaid and "#" not in mermaid and ";" not in mermaid and "`" not in mermaid
    )
    assert all(line.count(":") == (2 if line.startswith("      ") else 0) for line in body[1:])
    md = journey_markdown(journey, None)
    prose, fence = md.split("```mermaid")
    assert "<script" not in md and "<b>" not in md
    assert not re.search(r"(?<!\\)\]\(javascript", prose)  # the link syntax arrives escaped
    assert fence.count("```") == 1  # nothing in the text closed the code fence early
    table_rows = [line for line in md.splitlines() if line.startswith("| ")]
    assert all(line.count(" | ") == 5 for line in table_rows if "\\|" not in line.replace("\\|", ""))


def test_500_touchpoint_map_renders_to_html_in_under_two_seconds() -> None:
    journey = journey_from_yaml(big_journey_yaml(500), example_workspace())
    render_svg("digraph { a -> b }", engine="embedded")  # the engine's one-off start-up is not the map's cost
    # CPU time, not the clock: the suite runs on every core, beside other work.
    start = time.process_time()
    page = html_report(journey, example_workspace().catalog, engine="embedded")
    elapsed = time.process_time() - start
    assert "Step 499" in page
    assert elapsed < 2.0, f"{elapsed:.2f} s"


def test_site_renders_every_example_with_relative_links(cjm, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "site"
    res = cjm("render", "--site", str(out), cwd=EXAMPLES)
    assert res.exit_code == 0, res.stderr
    ws = example_workspace()
    index = parse_page((out / "index.html").read_text(encoding="utf-8"))
    pages = [u for u in index.urls if u.startswith("journeys/")]
    assert len(pages) == len(ws.journey_files())
    for link in index.urls:
        if not link.startswith("#"):
            assert not link.startswith(("/", "http")) and (out / link).is_file(), link
    team = parse_page((out / "teams" / "web-team.html").read_text(encoding="utf-8"))
    assert any(u == "../journeys/tour-booking.html" for u in team.urls)
    assert (out / "journeys" / "tour-booking.html").read_text(encoding="utf-8").count("../index.html") == 1


def test_site_names_each_map_by_its_path_in_the_workspace_not_the_builders_folders(cjm, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ws = tmp_path / "alices-laptop" / "checkout" / "ws"
    shutil.copytree(EXAMPLES, ws)
    (ws / "journeys" / "broken.cjm.yaml").write_text("cjm: 1\nid: broken\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    res = cjm("render", "--site", "site", "--engine", "embedded", str(ws), cwd=elsewhere)
    assert res.exit_code in (0, 1), res.stderr
    index = (elsewhere / "site" / "index.html").read_text(encoding="utf-8")
    assert "journeys/tour-booking.cjm.yaml" in index and "journeys/broken.cjm.yaml" in index
    for page in (elsewhere / "site").rglob("*.html"):
        assert "alices-laptop" not in page.read_text(encoding="utf-8"), page


def test_template_dir_overrides_the_report(cjm, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "report.html.j2").write_text(
        '{% extends "base.html.j2" %}{% block body %}<h1>ACME {{ j.title }}</h1>{% endblock %}', encoding="utf-8"
    )
    res = cjm("render", str(TOUR), "-f", "html", "--template-dir", str(tmp_path))
    assert res.exit_code == 0, res.stderr
    assert "<h1>ACME Booking a cross-country bus tour</h1>" in res.stdout and "<style>" in res.stdout
    (tmp_path / "report.html.j2").write_text("{% if %}", encoding="utf-8")
    broken = cjm("render", str(TOUR), "-f", "html", "--template-dir", str(tmp_path))
    assert broken.exit_code == 2 and "template error" in broken.stderr and "Traceback" not in broken.stderr


def test_site_built_on_several_processes_is_the_same_site(tmp_path: Path) -> None:
    """Pages are built in worker processes for large workspaces; the site must not depend on it."""
    import shutil

    from cjmkit.rendering.site import write_site
    from cjmkit.validation.workspace_file import load_workspace

    root = tmp_path / "ws"
    shutil.copytree(EXAMPLES, root)
    folder = root / "journeys"
    originals = sorted(folder.glob("*.cjm.yaml"))
    for i in range(30):  # enough files for the process pool
        src = originals[i % len(originals)]
        text = src.read_text(encoding="utf-8")
        old_id = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("id:"))
        (folder / f"copy-{i:02d}.cjm.yaml").write_text(
            text.replace(f"id: {old_id}\n", f"id: {old_id}-{i}\n", 1), encoding="utf-8"
        )
    (folder / "zz-broken.cjm.yaml").write_text("cjm: 1\nid: broken\ntitle: [unfinished\n", encoding="utf-8")
    (folder / "zz-twin.cjm.yaml").write_text(originals[0].read_text(encoding="utf-8"), encoding="utf-8")

    ws = load_workspace(root)
    files = ws.journey_files()
    today = dt.date(2026, 11, 1)
    sites = {}
    for jobs in (1, 2):
        out = tmp_path / f"site-{jobs}"
        result = write_site(files, ws, out, engine="embedded", today=today, jobs=jobs)
        assert result.pages == len(files) - 2
        assert [Path(r.path).name for r in result.invalid] == ["zz-broken.cjm.yaml"]
        assert len(result.skipped) == 1 and "zz-twin.cjm.yaml" in result.skipped[0]
        sites[jobs] = {
            # Pages carry the time they were generated; everything else must be byte-for-byte the same.
            p.relative_to(out).as_posix(): re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", "TIME", p.read_text("utf-8"))
            for p in sorted(out.rglob("*.html"))
        }
    assert sites[1].keys() == sites[2].keys()
    assert len(sites[1]) > len(files)  # journey pages, team pages and the index
    assert sites[1] == sites[2]
    index = sites[2]["index.html"]
    assert "Booking a cross-country bus tour" in index and "zz-broken.cjm.yaml" in index


def test_site_pages_carry_lint_findings_unless_the_lint_settings_are_broken(cjm, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import shutil

    root = tmp_path / "ws"
    shutil.copytree(EXAMPLES, root)
    res = cjm("render", "--site", str(tmp_path / "site"), cwd=root)
    assert res.exit_code == 0, res.stderr
    page = (tmp_path / "site" / "journeys" / "tour-booking.html").read_text(encoding="utf-8")
    assert "<h3>Lint findings</h3>" in page
    config = root / "cjm.yaml"
    text = config.read_text(encoding="utf-8")
    assert "lint:\n  rules: {}\n" in text
    config.write_text(text.replace("lint:\n  rules: {}\n", "lint:\n  rules:\n    no-such-rule: off\n"), "utf-8")
    assert cjm("lint", cwd=root).exit_code == 2  # what lint itself says of the setting
    res = cjm("render", "--site", str(tmp_path / "site2"), cwd=root)
    assert res.exit_code == 0, res.stderr
    page = (tmp_path / "site2" / "journeys" / "tour-booking.html").read_text(encoding="utf-8")
    assert "<h3>Lint findings</h3>" not in page  # the report leaves lint out; `cjm lint` reports the setting
    assert "Booking a cross-country bus tour" in page


def _footer(html: str) -> str:
    match = re.search(r"<footer>(.*?)</footer>", html, re.S)
    assert match is not None
    return match.group(1)


def test_report_footer_shows_the_map_relative_to_its_workspace(cjm, tmp_path: Path, minimal: str) -> None:  # type: ignore[no-untyped-def]
    """A report is shared: its footer must not show where the map sits on the author's machine."""
    workspace = tmp_path / "home" / "alice" / "maps"
    shutil.copytree(EXAMPLES, workspace)
    journey = workspace / "journeys" / "tour-booking.cjm.yaml"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = cjm("render", str(journey), "-o", str(elsewhere / "report.html"), cwd=elsewhere)
    assert out.exit_code == 0, out.stderr
    footer = _footer((elsewhere / "report.html").read_text(encoding="utf-8"))
    assert "from journeys/tour-booking.cjm.yaml." in footer and str(tmp_path) not in footer

    site = cjm("render", "--site", str(elsewhere / "site"), cwd=workspace)
    assert site.exit_code == 0, site.stderr
    page = (elsewhere / "site" / "journeys" / "tour-booking.html").read_text(encoding="utf-8")
    assert "from journeys/tour-booking.cjm.yaml." in _footer(page)

    loose = tmp_path / "loose" / "checkout.cjm.yaml"
    loose.parent.mkdir()
    loose.write_text(minimal, encoding="utf-8")
    out = cjm("render", str(loose), "-o", str(elsewhere / "loose.html"), cwd=elsewhere)
    assert out.exit_code == 0, out.stderr
    footer = _footer((elsewhere / "loose.html").read_text(encoding="utf-8"))
    assert "from checkout.cjm.yaml." in footer and str(tmp_path) not in footer
