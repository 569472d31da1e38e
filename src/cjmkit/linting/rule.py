"""What a lint rule is, and what it sees when it checks a journey.

A rule is a small module under :mod:`cjmkit.linting.rules` (one concept per
module, like yamllint's rules): ``NAME``, ``CODE``, ``SEVERITY``, ``OPTIONS``
(a tuple of :class:`Option` declarations: name, type, default, one line of
documentation) and a ``check(ctx)`` generator; its module docstring is its
documentation, in ruff's form (What it does / Why is this bad? / Example).

A rule may set ``DEFAULT_ENABLED = False``: it runs only when ``cjm.yaml`` gives
it a severity (``lint: rules: {name: warning}``) or ``--select`` names it. A rule
fed by git history sets ``NEEDS_HISTORY = True`` and reads ``ctx.timeline``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from cjmkit.diagnostics import Diagnostic, Severity, format_loc
from cjmkit.linting.timeline import Timeline
from cjmkit.loader import Document
from cjmkit.model.catalog import Catalog
from cjmkit.model.journey import Experience, Journey, Kpi, PainPoint, Stage, Touchpoint
from cjmkit.model.settings import Scoring

Loc = tuple[str | int, ...]

#: The groups rules belong to, by the first digit of their code.
CATEGORIES = {
    "1": "Coverage and ownership",
    "2": "Emotion and perception",
    "3": "Pain points and action",
    "4": "Currency and evidence",
}

_CODE = re.compile(r"^L[1-9][0-9]{2}$")
_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


@dataclass
class RuleContext:
    """One journey as a rule sees it, with the rule's effective severity and options."""

    journey: Journey
    document: Document
    catalog: Catalog
    today: dt.date
    rule: Rule
    severity: Severity
    options: Mapping[str, Any]
    scoring: Scoring | None = None
    """The workspace's scoring model (``scoring:`` in cjm.yaml), if any."""
    timeline: Timeline | None = None
    """The journey's committed past, for rules that need history; None outside git."""

    def finding(
        self,
        loc: Loc,
        message: str,
        *,
        item_id: str | None = None,
        hint: str | None = None,
        key: bool = False,
        aspect: str | None = None,
    ) -> Diagnostic:
        """A finding about the item at ``loc``, positioned where that item starts in the file.

        ``key=True`` points at the key instead of its value (for a list such as
        ``stages``, the line that names it rather than its first entry).
        ``aspect`` names the field of the item the finding is about when one item
        can have several findings of a rule: it ends the key path, which tells the
        findings apart, while the position stays on the item so that suppression
        comments written there keep working.
        """
        line, column = self.document.locate(loc, key=key)
        return Diagnostic(
            code=self.rule.code,
            message=message,
            path=self.document.path,
            line=line,
            column=column,
            severity=self.severity,
            key_path=format_loc((*loc, aspect) if aspect else loc),
            hint=hint,
            rule=self.rule.name,
            item_id=item_id,
        )


Check = Callable[[RuleContext], Iterable[Diagnostic]]

#: The kinds of value an option can take, as ``cjm explain`` and docs/rules.md name them.
OPTION_TYPES: dict[type, str] = {bool: "boolean", int: "integer", str: "text", list: "list of names"}


@dataclass(frozen=True)
class Option:
    """One setting of a rule under ``lint.options`` in ``cjm.yaml``: what it is, its type and default."""

    name: str
    type: type
    default: Any
    doc: str
    choices: tuple[str, ...] = ()
    """For a list option: the names it may hold (empty: any)."""
    bounds: tuple[int, int] | None = None
    """For a whole-number option: the lowest and highest value that make sense (inclusive)."""

    def __post_init__(self) -> None:
        if self.type not in OPTION_TYPES or type(self.default) is not self.type:
            raise ValueError(f"option {self.name!r}: default {self.default!r} is not a {self.type.__name__}")

    @property
    def type_name(self) -> str:
        return OPTION_TYPES[self.type]

    def problem(self, value: Any) -> str | None:
        """What the option needs, when ``value`` does not fit; None when it does."""
        if self.type is bool:
            return None if isinstance(value, bool) else "true or false"
        if self.type is int:
            whole = isinstance(value, int) and not isinstance(value, bool)
            if self.bounds is not None and not (whole and self.bounds[0] <= value <= self.bounds[1]):
                return f"a whole number from {self.bounds[0]} to {self.bounds[1]}"
            return None if whole else "a whole number"
        if self.type is list:
            names = f" from: {', '.join(self.choices)}" if self.choices else ""
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                return "a list of names" + names
            if self.choices and any(v not in self.choices for v in value):
                return "a list of names" + names
            return None
        return None if isinstance(value, str) else "text"


@dataclass(frozen=True)
class Rule:
    """A lint rule: its identity, defaults, documentation and check."""

    name: str
    code: str
    severity: Severity
    doc: str
    check: Check = field(repr=False, compare=False)
    option_specs: tuple[Option, ...] = ()
    example_options: Mapping[str, Any] = field(default_factory=dict)
    enabled: bool = True
    """Whether the rule runs when ``cjm.yaml`` says nothing about it."""
    needs_history: bool = False
    """Whether the rule reads the journey's git history (``RuleContext.timeline``)."""

    @property
    def options(self) -> dict[str, Any]:
        """Each option's default, by name."""
        return {o.name: list(o.default) if o.type is list else o.default for o in self.option_specs}

    def option(self, name: str) -> Option | None:
        return next((o for o in self.option_specs if o.name == name), None)

    @property
    def category(self) -> str:
        return CATEGORIES.get(self.code[1], "Other")

    @property
    def summary(self) -> str:
        """The first sentence of "What it does", for ``cjm rules``."""
        body = section(self.doc, "What it does")
        text = " ".join(body.split())
        end = text.find(". ")
        return text if end < 0 else text[: end + 1]

    @classmethod
    def from_module(cls, module: ModuleType) -> Rule:
        name = module.NAME
        code = module.CODE
        if not _NAME.match(name) or not _CODE.match(code):
            raise ValueError(f"{module.__name__}: bad rule name {name!r} or code {code!r}")
        return cls(
            name=name,
            code=code,
            severity=Severity(module.SEVERITY),
            doc=dedent_doc(module.__doc__ or ""),
            check=module.check,
            option_specs=tuple(getattr(module, "OPTIONS", ())),
            example_options=dict(getattr(module, "EXAMPLE_OPTIONS", {})),
            enabled=bool(getattr(module, "DEFAULT_ENABLED", True)),
            needs_history=bool(getattr(module, "NEEDS_HISTORY", False)),
        )


def dedent_doc(doc: str) -> str:
    import inspect

    return inspect.cleandoc(doc)


def section(doc: str, title: str) -> str:
    """The text of the ``## title`` section of a rule's docstring."""
    lines = doc.splitlines()
    out: list[str] = []
    inside = False
    for line in lines:
        if line.startswith("## "):
            if inside:
                break
            inside = line[3:].strip() == title
            continue
        if inside:
            out.append(line)
    return "\n".join(out).strip()


# -- where things are: each item with the path of keys that leads to it --------


def located_touchpoints(journey: Journey) -> Iterator[tuple[Loc, Stage, Touchpoint]]:
    for si, stage, ti, tp in journey.iter_touchpoints():
        yield ("stages", si, "touchpoints", ti), stage, tp


def located_experiences(tloc: Loc, tp: Touchpoint) -> Iterator[tuple[Loc, Experience]]:
    """A touchpoint's persona experiences with where each starts."""
    for ei, exp in enumerate(tp.experiences):
        yield (*tloc, "experiences", ei), exp


def emotion_text(value: float) -> str:
    """An emotion in a message: ``+2``, ``-1``, and a derived mean to one decimal (``-0.5``)."""
    return f"{round(value, 1):+g}"


def located_pain_points(journey: Journey) -> Iterator[tuple[Loc, Touchpoint, PainPoint]]:
    for loc, _, tp in located_touchpoints(journey):
        for pi, pp in enumerate(tp.pain_points):
            yield (*loc, "pain_points", pi), tp, pp


def located_kpis(journey: Journey) -> Iterator[tuple[Loc, Touchpoint, Kpi]]:
    for loc, _, tp in located_touchpoints(journey):
        for ki, kpi in enumerate(tp.kpis):
            yield (*loc, "kpis", ki), tp, kpi
