"""The JSON Schema of the journey and workspace files, for editors and other checkers."""

from __future__ import annotations

import ast
import inspect
import itertools
import json
from typing import Any

from pydantic import BaseModel

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


def field_docs(model: type[BaseModel]) -> dict[str, str]:
    """The docstring written under each field of ``model`` (the documentation next to the field).

    Read here, when a schema is made, rather than by Pydantic at import time:
    reading source costs start-up time that validation never needs.
    """
    tree = ast.parse(inspect.getsource(model))
    body = tree.body[0].body if tree.body and isinstance(tree.body[0], ast.ClassDef) else []
    docs: dict[str, str] = {}
    for first, second in itertools.pairwise(body):
        if (
            isinstance(first, ast.AnnAssign)
            and isinstance(first.target, ast.Name)
            and isinstance(second, ast.Expr)
            and isinstance(second.value, ast.Constant)
            and isinstance(second.value.value, str)
        ):
            docs[first.target.id] = inspect.cleandoc(second.value.value)
    return docs


def _models(root: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """Every model reachable from ``root``, by the name Pydantic gives its schema."""
    from cjmkit.validation.schema import models_in

    found: dict[str, type[BaseModel]] = {}
    todo = [root]
    while todo:
        model = todo.pop()
        if model.__name__ in found:
            continue
        found[model.__name__] = model
        for f in model.model_fields.values():
            todo.extend(models_in(f.annotation))
    return found


def _describe(schema: dict[str, Any], root: type[BaseModel]) -> None:
    for name, model in _models(root).items():
        target = schema if model is root else schema.get("$defs", {}).get(name)
        if not target:
            continue
        if model.__doc__:
            target.setdefault("description", inspect.cleandoc(model.__doc__))
        props = target.get("properties", {})
        for field, doc in field_docs(model).items():
            if field in props:
                props[field].setdefault("description", doc)


def journey_schema() -> dict[str, Any]:
    from cjmkit.model import Journey

    schema = Journey.model_json_schema()
    _describe(schema, Journey)
    return _finish(schema, "journey", "A cjmkit customer journey map (format version 1)")


def workspace_schema() -> dict[str, Any]:
    from cjmkit.model import WorkspaceFile

    schema = WorkspaceFile.model_json_schema()
    _describe(schema, WorkspaceFile)
    return _finish(schema, "workspace", "A cjmkit workspace file, cjm.yaml")


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
