"""One pipeline from paths to checked journeys: check() owns the files, the workspace and the usage errors."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cjmkit.errors import UsageError
from cjmkit.validation import NO_JOURNEYS, check, select
from tests.conftest import MINIMAL, Result

Cjm = Callable[..., Result]

WORKSPACE = """\
cjm: 1
catalog:
  teams:
    - {id: support, name: Customer support}
"""

ZOOM = MINIMAL.replace("id: checkout", "id: checkout-zoom").replace(
    "title: Checking out", "title: Paying\nview: tactical\nfocus: {journey: checkout, touchpoint: pay}"
)


def test_a_checked_journey_carries_document_model_and_effective_catalog(write: Callable[..., Path]) -> None:
    write("cjm.yaml", WORKSPACE)
    path = write(
        "maps/a.cjm.yaml", MINIMAL.replace("owner: web-team\n    touchpoints", "owner: support\n    touchpoints")
    )
    report = check([path])
    assert report.ok and report.workspace is not None and report.workspace.root == path.parent.parent
    (checked,) = report.valid_journeys
    assert checked.journey is not None and checked.journey.id == "checkout"
    assert checked.document is not None and checked.document.locate(("stages", 0, "owner"))[0] == 17
    # The workspace's team and the journey's own team, in one catalog.
    assert checked.catalog is not None
    assert {t.id for t in checked.catalog.teams} == {"support", "web-team"}


def test_cross_file_focus_is_resolved_once_with_one_finding(write: Callable[..., Path]) -> None:
    write("cjm.yaml", "cjm: 1\n")
    write("a.cjm.yaml", MINIMAL)
    assert check([write("zoom.cjm.yaml", ZOOM)]).ok
    wrong = write(
        "zoom2.cjm.yaml",
        ZOOM.replace("id: checkout-zoom", "id: zoom2").replace("{journey: checkout", "{journey: checkuot"),
    )
    report = check([wrong])
    focus = [d for d in report.diagnostics if d.code == "E141"]
    assert [(d.key_path, d.message) for d in focus] == [("focus.journey", "unknown journey 'checkuot' in focus")]


def test_select_owns_the_usage_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match="not in a cjm workspace"):
        select([])
    (tmp_path / "cjm.yaml").write_text("cjm: 1\n", encoding="utf-8")
    with pytest.raises(UsageError, match="no journey files found"):
        select([])
    with pytest.raises(UsageError, match="no such file or folder"):
        select([tmp_path / "missing.cjm.yaml"])


def test_a_broken_workspace_file_is_the_problem_reported_not_no_journeys(write: Callable[..., Path]) -> None:
    selection = select([write("cjm.yaml", "cjm: 1\njourneys: 7\n").parent])
    assert selection.files == [] and selection.workspace.diagnostics


@pytest.mark.parametrize(
    "command", [["validate"], ["lint"], ["stats"], ["plan"], ["fmt", "--check"], ["render", "--site", "out"]]
)
def test_every_command_says_no_journey_files_found_the_same_way(cjm: Cjm, tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "cjm.yaml").write_text("cjm: 1\n", encoding="utf-8")
    res = cjm(*command, cwd=tmp_path)
    assert res.exit_code == 2
    assert res.stderr == f"cjm: error: {NO_JOURNEYS}\n"


def test_stats_and_render_see_the_focus_validate_sees(cjm: Cjm, write: Callable[..., Path]) -> None:
    write("cjm.yaml", "cjm: 1\n")
    write("a.cjm.yaml", MINIMAL)
    broken = write("zoom.cjm.yaml", ZOOM.replace("touchpoint: pay}", "touchpoint: pya}"))
    for command in (
        ["validate", str(broken)],
        ["stats", str(broken)],
        ["plan", str(broken)],
        ["render", str(broken), "-f", "dot"],
    ):
        res = cjm(*command, cwd=broken.parent)
        assert res.exit_code == 1, command
        assert "journey 'checkout' has no touchpoint 'pya'" in res.stdout + res.stderr, command
