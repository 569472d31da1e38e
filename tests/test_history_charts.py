"""History charts: in the report when the map is in git, absent outside, and drawn where the numbers say."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from cjmkit.history.series import journey_history
from cjmkit.history.versions import FactsCache
from cjmkit.rendering.trend import sparkline_svg, trend_svg
from history_story import EMOTIONS, GAPS, KPI_SERIES, make_story
from test_render_browser import ARGS, CHROMIUM, browser_api

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

MAP = "journeys/checkout-flow.cjm.yaml"


@pytest.fixture
def story(tmp_path: Path) -> Path:
    return make_story(tmp_path / "maps")


def render(cjm: Callable[..., object], story: Path, tmp_path: Path, *args: str) -> str:
    r = cjm("render", MAP, "-f", "html", "-o", "-", *args, cwd=story, env={"CJM_CACHE_DIR": str(tmp_path / "c")})
    assert r.exit_code == 0, r.stderr
    return str(r.stdout)


def test_the_report_of_a_map_in_git_has_a_history_section(
    story: Path, tmp_path: Path, cjm: Callable[..., object]
) -> None:
    html = render(cjm, story, tmp_path)
    assert 'id="history-h">History</h2>' in html
    # All six versions, across the rename: five readings and the invalid one as a gap.
    assert html.count('class="emotion-point"') == 5
    assert html.count('class="invalid"') == 2  # the band in the chart and the row in the table
    assert "invalid: 22:18 emotion 7 is out of range (a gap in the chart)" in html
    assert "✓ faster-pay" in html
    assert html.count('class="kpi-point"') == len(KPI_SERIES)
    assert "<script" not in html


def test_the_report_renders_without_history_outside_git(tmp_path: Path, cjm: Callable[..., object]) -> None:
    story = make_story(tmp_path / "maps")
    loose = tmp_path / "loose.cjm.yaml"
    loose.write_bytes((story / MAP).read_bytes())
    r = cjm("render", str(loose), "-f", "html", "-o", "-", cwd=tmp_path, env={"GIT_CEILING_DIRECTORIES": str(tmp_path)})
    assert r.exit_code == 0, r.stderr
    assert "<h1" in r.stdout and "history-h" not in r.stdout


def test_charts_are_plain_accessible_svg(story: Path, tmp_path: Path) -> None:
    history = journey_history(start=story, cache=FactsCache(tmp_path / "c"))
    svg = trend_svg(history.journeys[0])
    assert svg.startswith("<svg") and 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    assert "<script" not in svg and "on" not in re.findall(r"\s(on)\w+=", svg)
    spark = sparkline_svg(history.journeys[0])
    assert "from -1.50 to +1.00" in spark


def _centre(box: dict[str, float] | None) -> tuple[float, float]:
    assert box is not None
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def _linear(pairs: list[tuple[float, float]], tolerance: float = 0.75) -> float:
    """The slope of screen position against value; fails unless every point sits on that one line."""
    (v0, p0), (v1, p1) = min(pairs), max(pairs)
    slope = (p1 - p0) / (v1 - v0)
    for v, p in pairs:
        assert abs(p0 + (v - v0) * slope - p) <= tolerance, f"value {v} drawn at {p}, not on the scale"
    return slope


@pytest.mark.browser
def test_chart_points_sit_where_the_numbers_say(story: Path, tmp_path: Path, cjm: Callable[..., object]) -> None:
    sync_api = browser_api()
    report = tmp_path / "report.html"
    report.write_text(render(cjm, story, tmp_path), encoding="utf-8")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(report.as_uri())
        chart = page.locator("svg.trend")
        chart.scroll_into_view_if_needed()
        assert chart.is_visible()
        points = page.locator("svg.trend circle.emotion-point").all()
        drawn = [(p.get_attribute("data-date"), float(p.get_attribute("data-value") or "nan")) for p in points]
        assert [v for _, v in drawn] == [e for e in EMOTIONS if e is not None]
        centres = [_centre(p.bounding_box()) for p in points]
        # Higher emotion is higher on screen, on one linear scale.
        assert _linear([(v, y) for (_, v), (_, y) in zip(drawn, centres, strict=True)]) < 0
        # Time runs left to right in proportion to the dates.
        days = [dt.date.fromisoformat(d or "").toordinal() for d, _ in drawn]
        assert _linear([(float(d), x) for d, (x, _) in zip(days, centres, strict=True)]) > 0
        gaps = page.locator("svg.trend rect.gap-point").all()
        assert [float(g.get_attribute("data-value") or "nan") for g in gaps] == [g for g in GAPS if g is not None]
        gap_y = [_centre(g.bounding_box())[1] for g in gaps]
        emotion_y = {v: y for (_, v), (_, y) in zip(drawn, centres, strict=True)}
        # Emotion and gap share the scale: a gap of +1.00 is drawn at the height of an emotion of +1.00.
        assert abs(gap_y[-1] - emotion_y[1.0]) < 0.75
        # The invalid March version is a grey band between February's and April's points, not a point.
        band = _centre(page.locator("svg.trend rect.invalid").bounding_box())
        assert centres[1][0] < band[0] < centres[2][0]
        # The KPI chart: its values on one rising scale, and the target line at 98.
        kpi = page.locator("svg.kpi-trend circle.kpi-point").all()
        values = [float(k.get_attribute("data-value") or "nan") for k in kpi]
        assert values == [v for _, v in KPI_SERIES]
        kpi_y = [_centre(k.bounding_box())[1] for k in kpi]
        assert _linear(list(zip(values, kpi_y, strict=True))) < 0
        target = _centre(page.locator("svg.kpi-trend polyline.target").bounding_box())
        assert abs(target[1] - kpi_y[-1]) < 0.75  # 98 is the target and the last value
        # The table beside the chart has the same numbers.
        rows = page.locator("table.history-table").first.locator("tbody tr").all_inner_texts()
        assert "-1.50" in rows[0] and "+3.50" in rows[0] and "invalid" in rows[2] and "faster-pay" in rows[5]
        browser.close()


def test_the_site_has_a_sparkline_per_journey_and_history_on_the_journey_page(
    story: Path, tmp_path: Path, cjm: Callable[..., object]
) -> None:
    site = tmp_path / "site"
    r = cjm("render", "--site", str(site), "journeys", cwd=story)
    assert r.exit_code == 0, r.stderr
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "Emotion over time" in index
    assert "Average emotion over 6 versions, from -1.50 to +1.00" in index
    page = (site / "journeys" / "checkout.html").read_text(encoding="utf-8")
    assert 'id="history-h">History</h2>' in page and page.count('class="emotion-point"') == 5


def test_work_done_before_the_history_begins_is_no_event_and_a_kpi_measured_once_is_a_table_row(
    tmp_path: Path, cjm: Callable[..., object]
) -> None:
    from conftest import MINIMAL
    from history_story import commit_at, git

    repo = tmp_path / "maps"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    first = MINIMAL.replace("            target: 98\n", "            target: 98\n            current: 91\n").replace(
        "    kpis: [pay-success]\n", "    kpis: [pay-success]\n    status: done\n"
    )
    (repo / "checkout.cjm.yaml").write_text(first, encoding="utf-8")
    commit_at(repo, "The map, with the faster payment already shipped", "2026-03-01")
    (repo / "checkout.cjm.yaml").write_text(first.replace("emotion: 0", "emotion: 1"), encoding="utf-8")
    commit_at(repo, "Emotion re-measured", "2026-04-01")

    cache = {"CJM_CACHE_DIR": str(tmp_path / "c")}
    r = cjm("render", "checkout.cjm.yaml", "-f", "html", "-o", "-", cwd=repo, env=cache)
    assert r.exit_code == 0, r.stderr
    html = str(r.stdout)
    section = html[html.index('id="history-h"') :]
    assert html.count('class="emotion-point"') == 2
    # 'faster-pay' was done when the map was first committed: nothing happened to it in this history.
    assert "done-marker" not in section and "faster-pay" not in section
    # One reading of the KPI: no chart with a single dot, one row of the table of first readings.
    assert "kpi-trend" not in section
    once = section[section.index('class="history-table kpi-once"') :]
    assert "<td>Payment success rate</td>" in once and "<td>91</td><td>98</td>" in once
