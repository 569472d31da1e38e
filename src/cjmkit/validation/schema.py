"""Turn Pydantic validation errors into plain-language diagnostics with positions."""

from __future__ import annotations

import re
import types
import typing
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from cjmkit.diagnostics import Diagnostic, format_loc
from cjmkit.loader import Document
from cjmkit.model.base import FIRST_DATE, ID_PATTERN, LAST_DATE, MAX_NUMBER
from cjmkit.model.journey import SUPPORTED_VERSIONS
from cjmkit.suggest import did_you_mean

M = TypeVar("M", bound=BaseModel)

_EXPECTED_BY_TYPE = {
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "string_type": "text",
    "list_type": "a list",
    "model_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
    "dict_type": "a mapping of keys",
    "date_type": "a date (YYYY-MM-DD)",
}


def describe(value: object) -> str:
    """How a value looks to the person who wrote the YAML."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'} (a yes/no value)"
    if isinstance(value, int) and len(shown := str(value)) > 24:
        return f"a number of {len(shown.lstrip('-'))} digits"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f"the text '{shown}'"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return "a mapping of keys"
    return type(value).__name__


def models_in(annotation: Any) -> list[type[BaseModel]]:
    """Model classes reachable through Optional, list, dict values and Annotated."""
    out: list[type[BaseModel]] = []
    origin = typing.get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    if origin is typing.Annotated:
        return models_in(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType, list, dict):
        for arg in typing.get_args(annotation):
            out.extend(models_in(arg))
    return out


@cache
def _model_at(root: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    cls: type[BaseModel] | None = root
    for part in loc:
        if isinstance(part, int) or cls is None:
            continue
        field = cls.model_fields.get(part)
        if field is None:
            return None
        models = models_in(field.annotation)
        cls = models[0] if models else None
    return cls


_DATE_TEXT = re.compile(r"\d{4}-\d\d-\d\d\Z")
# Digits the loader keeps as text because they are too long to be a number (see resolve_plain).
_LONG_NUMBER = re.compile(r"[-+]?[0-9][0-9_]{40,}(\.[0-9_]*)?([eE][-+]?[0-9]+)?\Z")


def _range_text(loc: tuple[str | int, ...], ctx: dict[str, Any]) -> str:
    name = str(loc[-1]) if loc else ""
    if name in ("emotion", "desired_emotion"):
        return "a whole number from -2 (very negative) to +2 (very positive)"
    if name in ("customer", "company"):
        return "a rating from 1 to 5"
    if _DATE_TEXT.match(str(ctx.get("ge", ctx.get("le", "")))):
        return f"a date from {FIRST_DATE} to {LAST_DATE}"
    lo = ctx.get("ge", ctx.get("gt"))
    hi = ctx.get("le", ctx.get("lt"))
    kind = "a number"
    if lo is not None and hi is not None:
        return f"{kind} from {lo} to {hi}"
    if lo is not None:
        return f"{kind} of at least {lo}"
    return f"{kind} of at most {hi}"


def _short(value: Any) -> str:
    """A value for a one-line message: a number of hundreds of digits is shown by its length."""
    text = str(value)
    return text if len(text) <= 24 else f"{text[:12]}... ({len(text.lstrip('-'))} digits)"


_SLUG_STRIP = re.compile(r"[^a-z0-9_-]+")


def slugify(text: str) -> str:
    from anyascii import anyascii  # an id to suggest for 'Поиск' is 'poisk'

    # Apostrophes (and the Russian soft and hard signs, which transliterate to one) sit inside a word.
    return _SLUG_STRIP.sub("-", anyascii(text).replace("'", "").strip().lower()).strip("-_") or "item"


def _data_loc(loc: tuple[str | int, ...], data: Any) -> tuple[str | int, ...]:
    """Drop the parts Pydantic adds for union members (``target.float``): they are not in the file."""
    node = data
    for i, part in enumerate(loc):
        if isinstance(node, dict):
            if part not in node:
                return loc[: i + 1]  # a missing or unknown key: the last part is real
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        else:
            return loc[:i]
    return loc


_ITEM_KINDS = {
    "stages": "stage",
    "touchpoints": "touchpoint",
    "pain_points": "pain point",
    "kpis": "KPI",
    "opportunities": "opportunity",
    "evidence": "evidence",
    "personas": "persona",
    "teams": "team",
    "channels": "channel",
    "systems": "system",
    "backstage": "backstage entry",
    "experiences": "experience",
}


def _article(word: str) -> str:
    """'a' or 'an' before a key name as it is read out ("an 'id' key", "a 'name' key")."""
    return "an" if word[:1].lower() in "aeio" else "a"


def _item_name(loc: tuple[str | int, ...], data: Any) -> str:
    """How a person names the item at ``loc``: "the stage 'research'", else its key path."""
    if len(loc) >= 2 and isinstance(loc[-1], int) and str(loc[-2]) in _ITEM_KINDS:
        node = data
        for part in loc:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                node = None
                break
        kind = _ITEM_KINDS[str(loc[-2])]
        item_id = node.get("persona" if kind == "experience" else "id") if isinstance(node, dict) else None
        if isinstance(item_id, str) and item_id:
            return f"the {kind} of '{item_id}'" if kind == "experience" else f"the {kind} '{item_id}'"
        return f"the {kind} at {format_loc(loc)}"
    return format_loc(loc) or "the file"


def error_to_diagnostic(root: type[BaseModel], err: Any, doc: Document) -> Diagnostic:
    """One Pydantic error dict -> one diagnostic."""
    etype: str = err["type"]
    raw_loc = tuple(err["loc"])
    loc: tuple[str | int, ...] = _data_loc(raw_loc, doc.data)
    if set(raw_loc[len(loc) :]) & {"int", "float"} and etype in ("int_type", "float_type"):
        etype = "float_type"  # a number field: say "a number", not "a whole number"
    value = err.get("input")
    ctx = err.get("ctx") or {}
    key_path = format_loc(loc)
    field = str(loc[-1]) if loc else ""
    kw: dict[str, Any] = {}
    line, col = doc.locate(loc)

    if etype == "extra_forbidden":
        line, col = doc.locate(loc, key=True)
        model = _model_at(root, loc[:-1])
        allowed = sorted(model.model_fields) if model else []
        code = "E130"
        message = f"unknown key '{field}'"
        kw["expected"] = ("one of: " + ", ".join(allowed)) if allowed else None
        kw["hint"] = did_you_mean(field, allowed) or "keys starting with 'x-' are free for your own notes"
    elif etype == "missing":
        parent = loc[:-1]
        line, col = doc.locate(parent, key=bool(parent))
        code = "E131"
        if loc == ("cjm",):
            message = "missing 'cjm: 1' (the format version) at the top of the file"
            code = "E120"
        else:
            message = f"{_item_name(parent, doc.data)} has no '{field}', which is required"
        kw["expected"] = f"{_article(field)} '{field}' key"
    elif loc == ("cjm",):
        code = "E120"
        supported = ", ".join(str(v) for v in SUPPORTED_VERSIONS)
        message = f"unsupported format version {value!r}; this cjm reads version {supported}"
        kw["expected"] = f"cjm: {SUPPORTED_VERSIONS[-1]}"
        kw["found"] = describe(value)
    elif etype in ("literal_error", "enum"):
        code = "E133"
        expected = ctx.get("expected", "")
        choices = re.findall(r"'([^']*)'", expected)
        kw["expected"] = "one of: " + ", ".join(choices) if choices else expected
        if loc[:2] == ("lint", "rules") and len(loc) == 3:  # the key is a rule's name, the value its severity
            message = f"'{value}' is not a valid severity for rule '{field}'"
            if len(choices) > 1:
                kw["expected"] = f"one of: {', '.join(choices[:-1])} or {choices[-1]}"
        else:
            message = f"'{value}' is not a valid {field.replace('_', ' ')}"
        kw["found"] = describe(value)
        if isinstance(value, str):
            kw["hint"] = did_you_mean(value, choices)
    elif etype in ("less_than_equal", "greater_than_equal", "less_than", "greater_than"):
        code = "E134"
        message = f"{field.replace('_', ' ')} {_short(value)} is out of range"
        kw["expected"] = _range_text(loc, ctx)
        kw["found"] = describe(value)
    elif etype == "finite_number":
        code = "E134"
        message = f"{field.replace('_', ' ')} {value} is not a number a measure can have"
        kw["expected"] = "a finite number (not .nan or .inf)"
        kw["found"] = describe(value)
    elif etype.startswith("date") or etype.startswith("datetime"):
        code = "E135"
        # Pydantic's own words ("invalid character in year") describe its parser, not the
        # date: say whether the date does not exist or is not written as a date at all.
        detail = str(ctx.get("error", ""))
        message = f"'{value}' is not a valid date"
        if detail.startswith("day value is outside"):
            message += ": that month has no such day"
        elif detail.startswith("month value is outside"):
            message += ": there is no such month"
        kw["expected"] = "a real calendar date written YYYY-MM-DD, for example 2026-10-14"
        kw["found"] = describe(value)
    elif (etype == "string_pattern_mismatch" and ctx.get("pattern") == ID_PATTERN) or (
        etype == "string_too_long" and field == "id"
    ):
        code = "E136"
        message = f"'{value}' is not a valid id"
        kw["expected"] = "lower-case letters, digits, '-' and '_', starting with a letter or digit, at most 128 long"
        kw["found"] = describe(value)
        if isinstance(value, str):
            kw["hint"] = f"try '{slugify(value)[:64]}'"
    elif etype == "id_number":
        written = ctx.get("written", "")
        code = "E136"
        message = f"{written} is read as the number {ctx.get('number', '')}, not as the id '{written}'"
        kw["expected"] = "an id in quotes when it looks like a number"
        kw["found"] = f"the number {written}"
        kw["hint"] = f"write it in quotes: '{written}'"
    elif etype == "value_error" and field == "url":
        code = "E137"
        message = f"'{value}' is not an allowed link"
        kw["expected"] = "a web address starting with http:// or https://"
        kw["found"] = describe(value)
    elif etype in ("too_short",) and isinstance(value, list):
        code = "E131"
        message = f"{field} must list at least one item"
        kw["expected"] = f"at least {ctx.get('min_length', 1)} item"
        kw["found"] = "an empty list"
    elif etype == "string_too_short":
        code = "E132"
        message = f"{field.replace('_', ' ')} must not be empty"
        kw["expected"] = "some text"
        kw["found"] = describe(value)
    elif etype == "float_type" and isinstance(value, str) and _LONG_NUMBER.match(value):
        code = "E134"
        message = f"{field.replace('_', ' ')} {_short(value)} is out of range"
        kw["expected"] = _range_text(loc, {"ge": -MAX_NUMBER, "le": MAX_NUMBER})
        kw["found"] = "a number too long to be read as one"
    elif etype in _EXPECTED_BY_TYPE:
        code = "E132"
        expected = _EXPECTED_BY_TYPE[etype]
        message = f"{field.replace('_', ' ') or 'value'} should be {expected}, not {describe(value)}"
        kw["expected"] = expected
        kw["found"] = describe(value)
        if etype.startswith("bool") and isinstance(value, str):
            kw["hint"] = "write true or false"
    else:
        code = "E139"
        msg = str(err.get("msg", "invalid value"))
        message = msg.removeprefix("Value error, ")
        kw["found"] = describe(value)
    return Diagnostic(code=code, message=message, path=doc.path, line=line, column=col, key_path=key_path, **kw)


def model_diagnostics(model: type[M], doc: Document) -> tuple[M | None, list[Diagnostic]]:
    """Validate the document's data as ``model``: the instance, or the problems."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        diags = []
        seen = set()
        for e in exc.errors(include_url=False):
            d = error_to_diagnostic(model, e, doc)
            # One problem per place: a union reports each member's complaint separately.
            if (d.line, d.column, d.key_path) not in seen:
                seen.add((d.line, d.column, d.key_path))
                diags.append(d)
        diags.sort(key=Diagnostic.sort_key)
        # An unsupported version explains everything else: say only that.
        version = [d for d in diags if d.code == "E120" and d.message.startswith("unsupported")]
        return None, version or diags
