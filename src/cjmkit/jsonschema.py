"""The JSON Schema of the journey and workspace files, for editors and other checkers."""

from __future__ import annotations

import json
from typing import Any

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _allow_extensions(node: Any) -> None:
    """Every closed object also accepts ``x-`` keys, as the tools do."""
    if isinstance(node, dict):
        if node.get("additionalProperties") is False:
            node["patternProperties"] = {"^x-": {}}
        for value in node.values():
            _allow_extensions(value)
    elif isinstance(node, list):
        for value in node:
            _allow_extensions(value)


def journey_schema() -> dict[str, Any]:
    from cjmkit.model import Journey

    return _finish(Journey.model_json_schema(), "journey", "A cjmkit customer journey map (format version 1)")


def workspace_schema() -> dict[str, Any]:
    from cjmkit.model import WorkspaceFile

    return _finish(WorkspaceFile.model_json_schema(), "workspace", "A cjmkit workspace file, cjm.yaml")


def _finish(schema: dict[str, Any], name: str, title: str) -> dict[str, Any]:
    _allow_extensions(schema)
    head = {
        "$schema": SCHEMA_DIALECT,
        "$id": f"https://cjmkit.dev/schemas/{name}.schema.json",
        "title": title,
    }
    schema.pop("title", None)
    return {**head, **schema}


def dumps(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
