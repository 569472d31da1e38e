"""Every key in the JSON Schema carries a description, so editors explain it on hover."""

from __future__ import annotations

from typing import Any

from cjmkit.json_schema import field_docs, journey_schema, workspace_schema
from cjmkit.model import Touchpoint


def _undocumented(schema: dict[str, Any]) -> list[str]:
    missing = [f"(root).{k}" for k, v in schema.get("properties", {}).items() if "description" not in v]
    for name, definition in schema.get("$defs", {}).items():
        missing += [f"{name}.{k}" for k, v in definition.get("properties", {}).items() if "description" not in v]
    return missing


def test_every_journey_and_workspace_key_is_described() -> None:
    assert _undocumented(journey_schema()) == []
    assert _undocumented(workspace_schema()) == []


def test_descriptions_come_from_the_docstring_under_each_field() -> None:
    docs = field_docs(Touchpoint)
    assert docs["emotion"] == "Observed emotion, -2 (very negative) to +2 (very positive)."
    schema = journey_schema()
    assert schema["$defs"]["Touchpoint"]["properties"]["emotion"]["description"] == docs["emotion"]
