"""Maps cjm ships and writes pass the published schema in YAML 1.1 tools too.

ajv-cli (js-yaml), PyYAML and many CI tools read YAML 1.1, where a bare
``2026-11-10`` is a timestamp that the schema's ``type: string`` rejects; cjm
writes dates quoted so that every reader sees a string.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from cjmkit.validation import validate_file
from tests.authoring_helpers import copy_examples, template_files
from tests.conftest import run_cli

REPO = Path(__file__).resolve().parents[1]
SCHEMAS = REPO / "schemas"
SHIPPED = sorted((REPO / "examples").rglob("*.cjm.yaml")) + template_files()


def schema_errors(path: Path, schema_name: str = "journey.schema.json") -> list[str]:
    """What a YAML 1.1 reader plus a JSON Schema validator (as ajv-cli does) says about the file."""
    schema = json.loads((SCHEMAS / schema_name).read_text(encoding="utf-8"))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [f"{path.name}: {'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(data)]


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_examples_and_templates_pass_the_schema_when_read_as_yaml_1_1(path: Path) -> None:
    assert schema_errors(path) == []


def test_init_writes_a_map_that_passes_the_schema_when_read_as_yaml_1_1(tmp_path: Path) -> None:
    assert run_cli("init", cwd=tmp_path).exit_code == 0
    [journey] = (tmp_path / "journeys").glob("*.cjm.yaml")
    assert 'updated: "' in journey.read_text(encoding="utf-8")
    assert schema_errors(journey) == []
    assert schema_errors(tmp_path / "cjm.yaml", "workspace.schema.json") == []


def test_cjm_reads_dates_quoted_or_not(tmp_path: Path) -> None:
    workspace = copy_examples(tmp_path)
    path = workspace / "journeys" / "tour-booking.cjm.yaml"
    bare = re.sub(r'"(\d{4}-\d\d-\d\d)"', r"\1", path.read_text(encoding="utf-8"))
    assert "updated: 2026-10-14\n" in bare
    path.write_text(bare, encoding="utf-8")
    result = run_cli("validate", cwd=workspace)
    assert result.exit_code == 0, result.stdout
    journey = validate_file(path).journey
    assert journey is not None and journey.updated == dt.date(2026, 10, 14)


def _dates_in(value: object) -> list[object]:
    if isinstance(value, dict):
        return [d for v in value.values() for d in _dates_in(v)]
    if isinstance(value, list):
        return [d for v in value for d in _dates_in(v)]
    return [value] if isinstance(value, dt.date) else []


def test_the_rule_docs_write_dates_quoted_in_their_examples() -> None:
    """`cjm explain` and docs/rules.md show YAML people copy into their maps: its dates are quoted too."""
    page = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", page, flags=re.DOTALL)
    assert len(blocks) > 20
    dated = [b for b in blocks if re.search(r"^\s*(updated|measured|date):", b, flags=re.MULTILINE)]
    assert dated, "no rule example with a date: the check below would prove nothing"
    assert [d for b in dated for d in _dates_in(yaml.safe_load(b))] == []
