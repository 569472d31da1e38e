"""The canonical order of keys, taken from the models (whose field order follows the format reference).

Keys a model does not know (``x-`` extensions) come after the known ones; see
:mod:`cjmkit.authoring.layout` for how a file is put in this order.
"""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel

# -- which model describes which mapping ---------------------------------------


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    """The model class inside ``X | None``, ``list[X]`` or ``Annotated[X, ...]`` (not inside dicts)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin is dict:
        return None
    if origin is typing.Annotated:
        return _nested_model(typing.get_args(annotation)[0])
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _nested_model(arg)
            if found is not None:
                return found
    return None


def field_rank(model: type[BaseModel]) -> dict[str, int]:
    """Key -> position in the canonical order."""
    return {name: i for i, name in enumerate(model.model_fields)}


def child_model(model: type[BaseModel], key: str) -> type[BaseModel] | None:
    info = model.model_fields.get(key)
    return _nested_model(info.annotation) if info is not None else None
