"""The bundled example workspace: valid, complete, and a showcase of the whole format.

The field and value coverage is computed from the Pydantic models, so adding a
field (or an allowed value) to the format without showing it in an example
fails here.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from cjmkit import facts
from cjmkit.loader import load_file
from cjmkit.model import Journey, WorkspaceFile
from cjmkit.validation import validate, validate_file
from cjmkit.validation.workspace_file import load_workspace
from tests.conftest import run_cli

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
FORMAT_DOC = REPO / "docs" / "format.md"
JOURNEY_FILES = sorted(EXAMPLES.rglob("*.cjm.yaml")) + sorted(EXAMPLES.rglob("*.cjm.yml"))
SCHEMA_LINE = re.compile(r"# yaml-language-server: \$schema=(\S+)\Z")

#: Workspace-file fields no example shows yet, with the reason.  Remove an entry
#: as soon as an example uses it (a test below fails to remind you).
WORKSPACE_FIELDS_NOT_SHOWN = {
    ("WorkspaceFile", "templates"): "journey templates for `cjm new` are not bundled with the examples yet",
    ("Scoring", "fields"): "the examples use the value-effort model; docs/format.md shows a custom model",
    ("Scoring", "formula"): "the examples use the value-effort model; docs/format.md shows a custom model",
    ("ScoreField", "min"): "the examples use the value-effort model; docs/format.md shows a custom model",
    ("ScoreField", "max"): "the examples use the value-effort model; docs/format.md shows a custom model",
}


# -- helpers -------------------------------------------------------------------


def _models_in(annotation: Any) -> Iterator[type[BaseModel]]:
    """Model classes reachable through Optional, list, dict and Annotated."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
        return
    for arg in typing.get_args(annotation):
        yield from _models_in(arg)


def _literal_values(annotation: Any) -> set[Any]:
    """Allowed values of a Literal field (through Optional and list), else empty."""
    origin = typing.get_origin(annotation)
    if origin is typing.Literal:
        return set(typing.get_args(annotation))
    if origin in (typing.Union, types.UnionType, list, typing.Annotated):
        out: set[Any] = set()
        for arg in typing.get_args(annotation):
            out |= _literal_values(arg)
        return out
    return set()


def reachable_models(root: type[BaseModel]) -> list[type[BaseModel]]:
    """``root`` and every model nested in it, each once."""
    seen: list[type[BaseModel]] = []
    todo = [root]
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.append(cls)
        for info in cls.model_fields.values():
            todo.extend(_models_in(info.annotation))
    return seen


def every_field(root: type[BaseModel]) -> set[tuple[str, str]]:
    return {(cls.__name__, name) for cls in reachable_models(root) for name in cls.model_fields}


def fields_written(obj: Any) -> set[tuple[str, str]]:
    """(model, field) for every key the author wrote, anywhere in a parsed object."""
    out: set[tuple[str, str]] = set()
    if isinstance(obj, BaseModel):
        for name in obj.model_fields_set:
            out.add((type(obj).__name__, name))
            out |= fields_written(getattr(obj, name))
    elif isinstance(obj, (list, tuple)):
        for item in obj:
            out |= fields_written(item)
    elif isinstance(obj, dict):
        for item in obj.values():
            out |= fields_written(item)
    return out


def values_written(obj: Any) -> set[tuple[str, str, Any]]:
    """(model, field, value) for every scalar value written, lists flattened."""
    out: set[tuple[str, str, Any]] = set()
    if isinstance(obj, BaseModel):
        for name in obj.model_fields_set:
            value = getattr(obj, name)
            for v in value if isinstance(value, list) else [value]:
                if isinstance(v, (str, int)):
                    out.add((type(obj).__name__, name, v))
            out |= values_written(value)
    elif isinstance(obj, list):
        for item in obj:
            out |= values_written(item)
    return out


def has_extension_key(data: Any) -> bool:
    if isinstance(data, dict):
        return any(isinstance(k, str) and k.startswith("x-") for k in data) or any(
            has_extension_key(v) for v in data.values()
        )
    if isinstance(data, list):
        return any(has_extension_key(v) for v in data)
    return False


@pytest.fixture(scope="module")
def journeys() -> dict[str, Journey]:
    workspace = load_workspace(EXAMPLES)
    out: dict[str, Journey] = {}
    for path in JOURNEY_FILES:
        result = validate_file(path, workspace)
        assert result.journey is not None, [str(d) for d in result.diagnostics]
        out[path.name] = result.journey
    return out


@pytest.fixture(scope="module")
def workspace_file() -> WorkspaceFile:
    config = load_workspace(EXAMPLES).config
    assert config is not None
    return config


# -- validity ------------------------------------------------------------------


def test_the_example_workspace_has_several_journeys() -> None:
    # A B2C, a B2B, a SaaS, an employee, a tactical and a performance map at least.
    assert len(JOURNEY_FILES) >= 6, JOURNEY_FILES


def test_every_example_validates_without_a_single_finding() -> None:
    report = validate([EXAMPLES], jobs=1)
    assert [str(d) for d in report.diagnostics] == []
    assert report.ok
    assert sorted(Path(r.path).name for r in report.results) == sorted(p.name for p in JOURNEY_FILES)


def test_cjm_validate_examples_exits_zero() -> None:
    res = run_cli("validate", str(EXAMPLES))
    assert res.exit_code == 0, res.stdout + res.stderr
    assert f"{len(JOURNEY_FILES)} files checked" in res.stdout


def test_cjm_validate_inside_the_example_workspace_finds_every_journey() -> None:
    # With no path, cjm finds cjm.yaml and validates the journeys its globs select.
    res = run_cli("validate", cwd=EXAMPLES / "journeys")
    assert res.exit_code == 0, res.stdout + res.stderr
    assert f"{len(JOURNEY_FILES)} files checked" in res.stdout


def test_focus_of_each_zoomed_in_map_points_at_a_real_touchpoint(journeys: dict[str, Journey]) -> None:
    by_id = {j.id: j for j in journeys.values()}
    focused = [j for j in journeys.values() if j.focus is not None]
    assert focused, "no example shows a tactical or performance map with a focus"
    for j in focused:
        assert j.focus is not None
        target = by_id[j.focus.journey]
        assert j.focus.touchpoint is not None
        assert target.touchpoint(j.focus.touchpoint) is not None


# -- the schema line -----------------------------------------------------------


@pytest.mark.parametrize("path", JOURNEY_FILES, ids=lambda p: p.name)
def test_every_journey_starts_with_the_schema_line(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = SCHEMA_LINE.match(first)
    assert match, f"{path.name} starts with {first!r}"
    schema = (path.parent / match.group(1)).resolve()
    assert schema.name == "journey.schema.json"
    assert schema.is_file(), f"{path.name} points editors at {match.group(1)}, which does not exist"


def test_the_workspace_file_starts_with_the_workspace_schema_line() -> None:
    first = (EXAMPLES / "cjm.yaml").read_text(encoding="utf-8").splitlines()[0]
    match = SCHEMA_LINE.match(first)
    assert match, first
    schema = (EXAMPLES / match.group(1)).resolve()
    assert schema.name == "workspace.schema.json" and schema.is_file()


# -- coverage of the format ----------------------------------------------------


def test_every_journey_field_is_used_by_some_example(
    journeys: dict[str, Journey], workspace_file: WorkspaceFile
) -> None:
    used: set[tuple[str, str]] = set()
    for journey in journeys.values():
        used |= fields_written(journey)
    # Catalog entries are written in cjm.yaml as well as in journeys.
    used |= fields_written(workspace_file.catalog)
    missing = sorted(every_field(Journey) - used)
    assert missing == [], f"no example uses these fields: {missing}"


def test_every_workspace_field_is_used_by_the_example_workspace(workspace_file: WorkspaceFile) -> None:
    used = fields_written(workspace_file)
    missing = sorted(every_field(WorkspaceFile) - used - set(WORKSPACE_FIELDS_NOT_SHOWN))
    assert missing == [], f"examples/cjm.yaml does not use: {missing}"


def test_fields_listed_as_not_shown_are_really_not_shown(workspace_file: WorkspaceFile) -> None:
    shown = fields_written(workspace_file) & set(WORKSPACE_FIELDS_NOT_SHOWN)
    assert shown == set(), f"remove {sorted(shown)} from WORKSPACE_FIELDS_NOT_SHOWN: an example uses them now"


def test_every_allowed_value_is_shown_by_some_example(journeys: dict[str, Journey]) -> None:
    allowed = {
        (cls.__name__, name, value)
        for cls in reachable_models(Journey)
        for name, info in cls.model_fields.items()
        for value in _literal_values(info.annotation)
    }
    assert ("Journey", "view", "performance") in allowed  # the walk finds the enums
    used: set[tuple[str, str, Any]] = set()
    for journey in journeys.values():
        used |= values_written(journey)
    missing = sorted(allowed - used, key=str)
    assert missing == [], f"no example shows these values: {missing}"


def test_some_example_uses_an_extension_key() -> None:
    assert any(has_extension_key(load_file(p).data) for p in JOURNEY_FILES)


def test_the_b2b_map_extends_to_ending_the_relationship(journeys: dict[str, Journey]) -> None:
    b2b = [j for j in journeys.values() if j.segment == "b2b" and j.view == "strategic"]
    assert b2b
    for journey in b2b:
        assert any(stage.phase == "exit" for stage in journey.stages), journey.id


def test_a_journey_for_several_personas_narrows_touchpoints_to_subsets(journeys: dict[str, Journey]) -> None:
    multi = [j for j in journeys.values() if len(j.personas) >= 3]
    assert multi, "no example is made for several personas"
    for journey in multi:
        subsets = [tp.personas for _, _, _, tp in journey.iter_touchpoints() if tp.personas]
        assert any(0 < len(s) < len(journey.personas) for s in subsets), journey.id


# -- good maps -----------------------------------------------------------------


@pytest.mark.parametrize("path", JOURNEY_FILES, ids=lambda p: p.name)
def test_every_example_is_a_map_a_team_can_act_on(path: Path, journeys: dict[str, Journey]) -> None:
    journey = journeys[path.name]
    where = f"{path.name}:"
    assert journey.purpose and journey.owner and journey.personas, where
    assert journey.updated is not None and journey.review_every is not None, where
    for stage in journey.stages:
        assert stage.owner, f"{where} stage {stage.id} has no owner"
        assert stage.touchpoints, f"{where} stage {stage.id} has no touchpoints"
    for _, _, _, tp in journey.iter_touchpoints():
        assert tp.owner and tp.channel, f"{where} touchpoint {tp.id} lacks an owner or a channel"
        assert facts.touchpoint_emotion(tp) is not None, f"{where} touchpoint {tp.id} has no emotion"
    for _, tp, pain in journey.iter_pain_points():
        assert pain.severity, f"{where} pain point {pain.id} at {tp.id} is not prioritised"
    for _, tp, kpi in journey.iter_kpis():
        assert kpi.target is not None and kpi.owner and kpi.cadence, f"{where} KPI {kpi.id} at {tp.id} is incomplete"
    for opp in journey.opportunities:
        assert opp.owner and opp.priority and opp.kpis, f"{where} opportunity {opp.id} lacks owner, priority or KPI"
    unaddressed = [r.pain_point.id for r in facts.unaddressed_pains(journey)]
    assert unaddressed == [], f"{where} high or critical pain points nobody is fixing: {unaddressed}"
    if journey.status == "validated":
        cited = {e for _, _, _, tp in journey.iter_touchpoints() for e in tp.evidence}
        assert cited, f"{where} is marked validated but cites no evidence"


# -- the format reference ------------------------------------------------------


def test_the_format_reference_documents_every_key() -> None:
    doc = FORMAT_DOC.read_text(encoding="utf-8")
    names = {name for _, name in every_field(Journey) | every_field(WorkspaceFile)}
    missing = sorted(name for name in names if f"`{name}`" not in doc)
    assert missing == [], f"docs/format.md does not describe: {missing}"


def test_the_format_reference_lists_every_allowed_value() -> None:
    doc = FORMAT_DOC.read_text(encoding="utf-8")
    values = {
        str(value)
        for root in (Journey, WorkspaceFile)
        for cls in reachable_models(root)
        for info in cls.model_fields.values()
        for value in _literal_values(info.annotation)
    }
    missing = sorted(v for v in values if f"`{v}`" not in doc)
    assert missing == [], f"docs/format.md does not list: {missing}"


def test_the_format_reference_explains_every_error_code() -> None:
    # The codes validate reports come from the loader and the validation package.
    package = REPO / "src" / "cjmkit"
    files = [*(package / "loader").rglob("*.py"), *(package / "validation").rglob("*.py")]
    source = "\n".join(p.read_text(encoding="utf-8") for p in files)
    codes = set(re.findall(r"[\"'](E\d{3})[\"']", source))
    assert {"E100", "E110", "E130", "E141"} <= codes  # the scan finds the codes
    documented = set(re.findall(r"^\| (E\d{3}) \|", FORMAT_DOC.read_text(encoding="utf-8"), re.MULTILINE))
    assert sorted(codes - documented) == [], "codes used by cjm but not explained in docs/format.md"
    assert sorted(documented - codes) == [], "codes explained in docs/format.md that cjm never reports"


def test_no_phrase_of_the_examples_is_split_by_a_comma_in_a_flow_list(journeys: dict[str, Journey]) -> None:
    """`[Lists power, water and drainage constraints]` is two items: the second then starts in lower case."""
    split = [
        f"{name} {tp.id}: {item!r}"
        for name, journey in journeys.items()
        for _, _, _, tp in journey.iter_touchpoints()
        for item in [*tp.actions, *tp.thoughts, *tp.feelings]
        if item[:1].islower()
    ]
    assert split == []
