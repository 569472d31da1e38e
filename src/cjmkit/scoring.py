"""Opportunity scoring: the models, their fields' ranges, and a tiny formula language.

A workspace names its scoring model in ``cjm.yaml`` (``scoring: {model: rice}``); each
opportunity gives the model's fields in ``scores:``. A custom model's formula is read
by the small parser below (numbers, field names, ``+ - * / ( )``), never by ``eval``:
the formula is configuration that anyone with commit access can change.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cjmkit.model.settings import Scoring

#: A field name a formula can use: letters, digits and ``_`` (``-`` is the minus sign).
FIELD_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


@dataclass(frozen=True)
class FieldRange:
    """The values a score field may take: ``low``..``high``, or one of ``choices``."""

    low: float | None = None
    high: float | None = None
    low_open: bool = False
    choices: tuple[float, ...] = ()

    def contains(self, value: float) -> bool:
        if self.choices:
            return value in self.choices
        if self.low is not None and (value < self.low or (self.low_open and value == self.low)):
            return False
        return self.high is None or value <= self.high

    def describe(self) -> str:
        if self.choices:
            return "one of " + ", ".join(_num(c) for c in self.choices)
        if self.low is not None and self.high is not None:
            return f"a number from {_num(self.low)} to {_num(self.high)}"
        if self.low is not None:
            return f"a number {'above' if self.low_open else 'of at least'} {_num(self.low)}"
        if self.high is not None:
            return f"a number of at most {_num(self.high)}"
        return "a number"

    def interval(self) -> tuple[float, float]:
        if self.choices:
            return min(self.choices), max(self.choices)
        low = -math.inf if self.low is None else self.low
        if self.low_open and low == 0:
            low = math.ulp(0.0)  # effort > 0: the range does not include 0
        return low, math.inf if self.high is None else self.high


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


@dataclass(frozen=True)
class ScoringModel:
    """A model's fields (in the order a person reads them) and its formula."""

    name: str
    fields: dict[str, FieldRange]
    formula: str
    quadrants: bool = False


BUILTIN_MODELS: dict[str, ScoringModel] = {
    "rice": ScoringModel(
        "rice",
        {
            "reach": FieldRange(low=0),
            "impact": FieldRange(choices=(0.25, 0.5, 1, 2, 3)),
            "confidence": FieldRange(low=0, high=1),
            "effort": FieldRange(low=0, low_open=True),
        },
        "reach * impact * confidence / effort",
    ),
    "ice": ScoringModel(
        "ice",
        {"impact": FieldRange(1, 10), "confidence": FieldRange(1, 10), "ease": FieldRange(1, 10)},
        "impact * confidence * ease",
    ),
    "value-effort": ScoringModel(
        "value-effort", {"value": FieldRange(1, 5), "effort": FieldRange(1, 5)}, "value / effort", quadrants=True
    ),
}


# -- the formula language ------------------------------------------------------


class FormulaError(ValueError):
    """A formula that cannot be read or used; ``column`` is 1-based within the formula text."""

    def __init__(self, message: str, column: int, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.column = column
        self.hint = hint


@dataclass(frozen=True)
class Num:
    value: float
    column: int


@dataclass(frozen=True)
class Name:
    name: str
    column: int


@dataclass(frozen=True)
class Neg:
    operand: Expr
    column: int


@dataclass(frozen=True)
class BinOp:
    op: str
    left: Expr
    right: Expr
    column: int  # of the operator


Expr = Num | Name | Neg | BinOp

_TOKEN = re.compile(r"\s*(?:(\d+(?:\.\d*)?|\.\d+)|([A-Za-z_][A-Za-z0-9_]*)|(\S))")


def _tokens(text: str) -> list[tuple[str, str, int]]:
    """(kind, text, 1-based column) for each token; kind is num, name, op or end."""
    out = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None or not m.lastindex:  # only trailing blanks are left
            break
        pos = m.end()
        column = m.start(m.lastindex or 0) + 1
        if m.group(1):
            out.append(("num", m.group(1), column))
        elif m.group(2):
            out.append(("name", m.group(2), column))
        elif m.group(3):
            char = m.group(3)
            if char not in "+-*/()":
                raise FormulaError(
                    f"'{char}' is not allowed in a formula", column, "use numbers, field names and + - * / ( )"
                )
            out.append(("op", char, column))
    out.append(("end", "", len(text.rstrip()) + 1))
    return out


#: A formula longer or deeper than this is not a scoring model anyone reviews; refusing it keeps
#: the recursive parser far from Python's recursion limit.
MAX_FORMULA = 1000
MAX_DEPTH = 32


class _Parser:
    """expr := term (('+'|'-') term)*; term := factor (('*'|'/') factor)*; factor := ('-'|'+') factor | atom."""

    def __init__(self, text: str):
        if len(text) > MAX_FORMULA:
            raise FormulaError(f"is {len(text)} characters long", MAX_FORMULA + 1, f"keep it under {MAX_FORMULA}")
        self.tokens = _tokens(text)
        self.i = 0
        self.depth = 0

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.i]

    def take(self) -> tuple[str, str, int]:
        tok = self.tokens[self.i]
        self.i += 1
        return tok

    def parse(self) -> Expr:
        if self.peek()[0] == "end":
            raise FormulaError("is empty", 1, "write it over the declared fields, e.g. value / effort")
        expr = self.expr()
        kind, text, column = self.peek()
        if kind != "end":
            what = "')' without a matching '('" if text == ")" else f"'{text}'"
            raise FormulaError(f"unexpected {what}", column, "join terms with + - * or /")
        return expr

    def expr(self) -> Expr:
        left = self.term()
        while self.peek()[:2] in (("op", "+"), ("op", "-")):
            _, op, column = self.take()
            left = BinOp(op, left, self.term(), column)
        return left

    def term(self) -> Expr:
        left = self.factor()
        while self.peek()[:2] in (("op", "*"), ("op", "/")):
            _, op, column = self.take()
            left = BinOp(op, left, self.factor(), column)
        return left

    def factor(self) -> Expr:
        kind, text, column = self.take()
        self.depth += 1
        try:
            return self._factor(kind, text, column)
        finally:
            self.depth -= 1

    def _factor(self, kind: str, text: str, column: int) -> Expr:
        if self.depth > MAX_DEPTH:
            raise FormulaError(f"nests brackets or signs more than {MAX_DEPTH} deep", column, "write it flatter")
        if kind == "op" and text in "+-":
            operand = self.factor()
            return Neg(operand, column) if text == "-" else operand
        if kind == "num":
            return Num(float(text), column)
        if kind == "name":
            return Name(text, column)
        if kind == "op" and text == "(":
            inner = self.expr()
            closing = self.take()
            if closing[:2] != ("op", ")"):
                raise FormulaError("'(' is not closed", column, "add the matching ')'")
            return inner
        if kind == "end":
            raise FormulaError("ends where a number or field is expected", column, "complete it")
        raise FormulaError(f"unexpected '{text}' where a number or field is expected", column)


@functools.lru_cache(maxsize=32)  # one workspace formula, scored for every opportunity
def parse_formula(text: str) -> Expr:
    """The formula as a tree; raises :class:`FormulaError` with the column of the problem."""
    return _Parser(text).parse()


def names_in(expr: Expr) -> list[Name]:
    if isinstance(expr, Name):
        return [expr]
    if isinstance(expr, Neg):
        return names_in(expr.operand)
    if isinstance(expr, BinOp):
        return names_in(expr.left) + names_in(expr.right)
    return []


def _interval(expr: Expr, fields: Mapping[str, FieldRange]) -> tuple[float, float]:
    """The smallest and largest value ``expr`` can take when each field stays in its range."""
    if isinstance(expr, Num):
        return expr.value, expr.value
    if isinstance(expr, Name):
        return fields[expr.name].interval()
    if isinstance(expr, Neg):
        lo, hi = _interval(expr.operand, fields)
        return -hi, -lo
    a, b = _interval(expr.left, fields), _interval(expr.right, fields)
    if expr.op == "+":
        return a[0] + b[0], a[1] + b[1]
    if expr.op == "-":
        return a[0] - b[1], a[1] - b[0]
    if expr.op == "/":
        if b[0] <= 0 <= b[1]:
            return -math.inf, math.inf
        b = (1 / b[1], 1 / b[0])  # b lies on one side of 0; 1 / inf is 0
    products = [_times(x, y) for x in a for y in b]
    return min(products), max(products)


def _times(x: float, y: float) -> float:
    return 0.0 if x == 0 or y == 0 else x * y  # 0 * inf is 0 here: a bound, not a value


def check_formula(expr: Expr, fields: Mapping[str, FieldRange]) -> None:
    """Raise :class:`FormulaError` for an undeclared name or a division by something that may be 0."""
    for name in names_in(expr):
        if name.name not in fields:
            from cjmkit.suggest import did_you_mean

            declared = ", ".join(fields) or "none"
            raise FormulaError(
                f"uses '{name.name}', which is not a declared field (declared: {declared})",
                name.column,
                did_you_mean(name.name, fields)
                or f"declare it under scoring.fields: {{{name.name}: {{min: ..., max: ...}}}}",
            )
    _check_divisions(expr, fields)


def _check_divisions(expr: Expr, fields: Mapping[str, FieldRange]) -> None:
    if isinstance(expr, Neg):
        _check_divisions(expr.operand, fields)
    elif isinstance(expr, BinOp):
        _check_divisions(expr.left, fields)
        _check_divisions(expr.right, fields)
        if expr.op == "/":
            lo, hi = _interval(expr.right, fields)
            if lo <= 0 <= hi:
                zero = [n.name for n in names_in(expr.right) if _includes_zero(fields[n.name])]
                what = f"'{zero[0]}', whose range includes 0" if zero else "something that can be 0"
                raise FormulaError(
                    f"divides by {what}",
                    expr.column,
                    f"give '{zero[0]}' a range above 0 (min: 1)"
                    if zero
                    else "divide by a field whose range excludes 0",
                )


def _includes_zero(field: FieldRange) -> bool:
    lo, hi = field.interval()
    return lo <= 0 <= hi


def evaluate(expr: Expr, values: Mapping[str, float]) -> float | None:
    """The formula's value; None when a field is missing or a division by 0 happens anyway."""
    if isinstance(expr, Num):
        return expr.value
    if isinstance(expr, Name):
        value = values.get(expr.name)
        return None if value is None else float(value)
    if isinstance(expr, Neg):
        inner = evaluate(expr.operand, values)
        return None if inner is None else -inner
    left, right = evaluate(expr.left, values), evaluate(expr.right, values)
    if left is None or right is None:
        return None
    if expr.op == "+":
        result = left + right
    elif expr.op == "-":
        result = left - right
    elif expr.op == "*":
        result = left * right
    elif right == 0:
        return None
    else:
        result = left / right
    # Beyond a float's range the score means nothing (and JSON cannot carry infinity): unscored.
    return result if math.isfinite(result) else None


# -- the workspace's model -----------------------------------------------------


def model_of(scoring: Scoring) -> ScoringModel:
    """The model ``cjm.yaml`` configures (a custom model's fields and formula as declared)."""
    if scoring.model != "custom":
        return BUILTIN_MODELS[scoring.model]
    fields = {name: FieldRange(float(f.min), float(f.max)) for name, f in scoring.fields.items()}
    return ScoringModel("custom", fields, scoring.formula or "")


@dataclass(frozen=True)
class Score:
    """An opportunity's score under the workspace's model (``value`` None: not scored, or incomplete)."""

    value: float | None
    factors: dict[str, float]
    quadrant: str | None = None


def score(model: ScoringModel, values: Mapping[str, float]) -> Score:
    """Score one opportunity's ``scores:``; a missing field leaves it unscored."""
    factors = {name: float(values[name]) for name in model.fields if name in values}
    value = None
    if len(factors) == len(model.fields):
        value = evaluate(parse_formula(model.formula), factors)
    quadrant = quadrant_of(factors) if model.quadrants and value is not None else None
    return Score(value, factors, quadrant)


#: Value-effort quadrants: the lines sit at 2.5 (on whole numbers: high value is 3 or more, low effort 2 or less).
QUADRANTS = {
    (True, True): "quick win",
    (True, False): "big bet",
    (False, True): "fill-in",
    (False, False): "money pit",
}


def quadrant_of(factors: Mapping[str, float]) -> str:
    """quick win (high value, low effort), big bet, fill-in (low value, low effort) or money pit."""
    return QUADRANTS[(factors["value"] > 2.5, factors["effort"] <= 2.5)]


def rank_key(
    priority: int | None, value: float | None, severities: list[int], opp_id: str, journey_id: str = ""
) -> tuple[int, int, int, float, int, int, str, str]:
    """The order of a backlog: a manual ``priority`` first (lowest number first), then the higher
    score, unscored last; ties by the worst severity of the pain points addressed, then by how many
    of them have it, then by id (and journey id, for the same id in two journeys).

    ``severities`` are the addressed pain points' ranks, 1 (low) .. 4 (critical), 0 unprioritised.
    """
    worst = max(severities, default=0)
    return (
        0 if priority is not None else 1,
        priority or 0,
        0 if value is not None else 1,
        -(value or 0.0),
        -worst,
        -severities.count(worst) if worst else 0,
        opp_id,
        journey_id,
    )
