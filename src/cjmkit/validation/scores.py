"""The workspace's scoring model and each opportunity's ``scores:`` against it."""

from __future__ import annotations

from cjmkit.diagnostics import Diagnostic, format_loc
from cjmkit.loader import Document
from cjmkit.model.journey import Journey
from cjmkit.model.settings import Scoring
from cjmkit.scoring import FIELD_NAME, FieldRange, FormulaError, check_formula, model_of, parse_formula
from cjmkit.suggest import did_you_mean
from cjmkit.validation.schema import describe

Loc = tuple[str | int, ...]


def _diag(
    doc: Document,
    loc: Loc,
    message: str,
    code: str,
    *,
    key: bool = False,
    expected: str | None = None,
    found: str | None = None,
    hint: str | None = None,
    item_id: str | None = None,
) -> Diagnostic:
    line, col = doc.locate(loc, key=key)
    return Diagnostic(
        code=code,
        message=message,
        path=doc.path,
        line=line,
        column=col,
        key_path=format_loc(loc),
        expected=expected,
        found=found,
        hint=hint,
        item_id=item_id,
    )


def _formula_column(doc: Document, loc: Loc, column: int) -> tuple[int, int]:
    """The file position of the formula's ``column``: after the opening quote of a quoted scalar."""
    line, col = doc.locate(loc)
    text = doc.text.splitlines()[line - 1] if 0 < line <= len(doc.text.splitlines()) else ""
    quoted = col - 1 < len(text) and text[col - 1] in "\"'"
    if col - 1 < len(text) and text[col - 1] in "|>":
        return line, col  # a block scalar: point at it
    return line, col + (1 if quoted else 0) + column - 1


def check_scoring(scoring: Scoring, doc: Document) -> list[Diagnostic]:
    """A custom model needs fields with sane ranges and a formula that reads and never divides by 0."""
    base: Loc = ("scoring",)
    if scoring.model != "custom":
        present = [
            k for k, given in (("fields", bool(scoring.fields)), ("formula", scoring.formula is not None)) if given
        ]
        return [
            _diag(
                doc,
                (*base, key),
                f"'{key}' is only for model: custom; '{scoring.model}' has its own fields and formula",
                "E150",
                key=True,
                expected="no fields or formula with a built-in model",
                hint="remove it, or write model: custom",
            )
            for key in present
        ]
    out = []
    if not scoring.fields:
        out.append(
            _diag(
                doc,
                base,
                "a custom scoring model has no fields",
                "E150",
                expected="fields: {name: {min: ..., max: ...}, ...}",
                hint="declare each field the formula uses, with its range",
            )
        )
    for name, field in scoring.fields.items():
        if not FIELD_NAME.match(name):
            out.append(
                _diag(
                    doc,
                    (*base, "fields", name),
                    f"'{name}' cannot be a field name in a formula",
                    "E150",
                    key=True,
                    expected="letters, digits and _ (a '-' would read as minus)",
                    found=f"'{name}'",
                    hint=f"call it '{name.replace('-', '_').replace(' ', '_')}'",
                )
            )
        if field.min > field.max:
            out.append(
                _diag(
                    doc,
                    (*base, "fields", name, "min"),
                    f"field '{name}' has min {field.min} above its max {field.max}",
                    "E150",
                    expected="min no larger than max",
                    hint="swap the two",
                )
            )
    if scoring.formula is None:
        out.append(
            _diag(
                doc,
                base,
                "a custom scoring model has no formula",
                "E150",
                expected='formula: an expression over the fields, e.g. "value / effort"',
                hint="add formula: with + - * / ( ), numbers and the field names",
            )
        )
        return out
    if out:
        return out
    model = model_of(scoring)
    try:
        check_formula(parse_formula(scoring.formula), model.fields)
    except FormulaError as err:
        line, col = _formula_column(doc, (*base, "formula"), err.column)
        out.append(
            Diagnostic(
                code="E151",
                message=f"scoring formula: {err.message}",
                path=doc.path,
                line=line,
                column=col,
                key_path="scoring.formula",
                expected="numbers, declared field names and + - * / ( )",
                found=f"'{scoring.formula}'",
                hint=err.hint,
            )
        )
    return out


def check_scores(journey: Journey, doc: Document, scoring: Scoring) -> list[Diagnostic]:
    """Each opportunity's ``scores:`` names the model's fields, each within its range."""
    model = model_of(scoring)
    out = []
    for oi, opp in enumerate(journey.opportunities):
        for name, value in opp.scores.items():
            loc: Loc = ("opportunities", oi, "scores", name)
            field: FieldRange | None = model.fields.get(name)
            if field is None:
                known = ", ".join(model.fields)
                out.append(
                    _diag(
                        doc,
                        loc,
                        f"'{name}' is not a field of the {model.name} scoring model",
                        "E152",
                        key=True,
                        expected=f"one of: {known}",
                        found=f"'{name}'",
                        hint=did_you_mean(name, model.fields) or "the model is set by scoring: in cjm.yaml",
                        item_id=opp.id,
                    )
                )
            elif not field.contains(value):
                out.append(
                    _diag(
                        doc,
                        loc,
                        f"score {name} {value} is out of range for the {model.name} model",
                        "E152",
                        expected=field.describe(),
                        found=describe(value),
                        item_id=opp.id,
                    )
                )
    return out
