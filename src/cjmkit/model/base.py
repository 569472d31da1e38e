"""Shared building blocks of the format: the base model and the value types."""

from __future__ import annotations

import datetime as _dt
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt, StringConstraints, model_validator

#: The pattern every id must match.
ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=128)]
"""A slug that names an item: lower-case letters, digits, ``-`` and ``_``."""

Ref = Annotated[str, StringConstraints(max_length=128)]
"""A reference to an id (checked against the known ids after parsing)."""

Emotion = Annotated[StrictInt, Field(ge=-2, le=2)]
"""How the customer feels: -2 (very negative) .. +2 (very positive)."""

Rating = Annotated[StrictInt, Field(ge=1, le=5)]
"""A 1..5 rating."""

Text = Annotated[str, StringConstraints(min_length=1)]

Number = StrictInt | StrictFloat
"""A number written as a number (a quoted "12" is text, not a number)."""

Date = _dt.date


class Model(BaseModel):
    """Base of every format object: unknown keys are errors, except ``x-`` keys.

    ``x-`` keys are user extensions (as in OpenAPI): allowed anywhere and
    ignored by every tool, so they are dropped before validation.  Tools that
    rewrite files (``fmt``, ``kpi update``) work on the text and keep them.
    """

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        coerce_numbers_to_str=True,
        # Validators are built on first use: a journey's nested models never
        # need one of their own, and start-up time matters in pre-commit.
        defer_build=True,
    )

    @model_validator(mode="before")
    @classmethod
    def _drop_extensions(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for key in data:
                if isinstance(key, str) and key.startswith("x-"):
                    return {k: v for k, v in data.items() if not (isinstance(k, str) and k.startswith("x-"))}
        return data
