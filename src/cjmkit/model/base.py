"""Shared building blocks of the format: the base model and the value types."""

from __future__ import annotations

import datetime as _dt
import math
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainValidator,
    StrictInt,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)
from pydantic_core import PydanticCustomError

#: The pattern every id must match.
ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"


def _id_as_written(value: Any) -> Any:
    # An id is the text as written: ``01`` must not become ``1`` (and clash with it), nor ``0x1f`` 31.
    written = getattr(value, "written", None)
    if isinstance(written, str):
        raise PydanticCustomError(
            "id_number", "{written} is read as the number {number}", {"written": written, "number": str(value)}
        )
    return value


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=128), BeforeValidator(_id_as_written)]
"""A slug that names an item: lower-case letters, digits, ``-`` and ``_``."""

Ref = Annotated[str, StringConstraints(max_length=128), BeforeValidator(_id_as_written)]
"""A reference to an id (checked against the known ids after parsing)."""

Emotion = Annotated[StrictInt, Field(ge=-2, le=2)]
"""How the customer feels: -2 (very negative) .. +2 (very positive)."""

Rating = Annotated[StrictInt, Field(ge=1, le=5)]
"""A 1..5 rating."""

Text = Annotated[str, StringConstraints(min_length=1)]

#: The largest magnitude of a number in a map: beyond it, integers lose their
#: exact value in JSON readers and KPI arithmetic stops meaning anything.
MAX_NUMBER = 10**15


def _number(value: Any) -> int | float:
    # One check for whole and decimal numbers, so an error names the number, not a union member.
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PydanticCustomError("float_type", "Input should be a number")
    if value != value or value in (math.inf, -math.inf):
        raise PydanticCustomError("finite_number", "Input should be a finite number")
    if value > MAX_NUMBER:
        raise PydanticCustomError("less_than_equal", "Input is too large", {"ge": -MAX_NUMBER, "le": MAX_NUMBER})
    if value < -MAX_NUMBER:
        raise PydanticCustomError("greater_than_equal", "Input is too small", {"ge": -MAX_NUMBER, "le": MAX_NUMBER})
    return value


Number = Annotated[
    int | float,
    PlainValidator(_number),
    WithJsonSchema({"type": "number", "minimum": -MAX_NUMBER, "maximum": MAX_NUMBER}),
]
"""A number written as a number (a quoted "12" is text, not a number); finite, at most 10**15 either way."""

#: The dates a map may hold: wide enough for any research, narrow enough that
#: adding a review period can never leave the calendar.
FIRST_DATE = _dt.date(1900, 1, 1)
LAST_DATE = _dt.date(2999, 12, 31)

Date = Annotated[_dt.date, Field(ge=FIRST_DATE, le=LAST_DATE)]
"""A calendar date written YYYY-MM-DD, from 1900-01-01 to 2999-12-31."""

#: The longest review period, in days (ten years).
MAX_REVIEW_DAYS = 3650


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
