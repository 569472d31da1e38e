"""The journey file, format version 1 (see docs/format.md)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StrictBool, StrictInt, model_validator

from cjmkit.model.base import Date, Emotion, Id, Model, Number, Rating, Ref, Text
from cjmkit.model.catalog import Catalog

SUPPORTED_VERSIONS = (1,)

View = Literal["strategic", "tactical", "performance"]
State = Literal["current", "future"]
Status = Literal["hypothesis", "validated"]
Severity = Literal["low", "medium", "high", "critical"]
Direction = Literal["up", "down"]
OpportunityStatus = Literal["idea", "planned", "in-progress", "done", "dropped"]
EvidenceKind = Literal[
    "survey", "interview", "focus-group", "analytics", "social", "support", "transactional", "workshop", "other"
]
EvidenceContext = Literal["relationship", "personal", "situational"]

SEVERITY_ORDER: dict[str, int] = {"low": 1, "medium": 2, "high": 3, "critical": 4}
OPPORTUNITY_PROGRESS: dict[str, int] = {"idea": 0, "planned": 1, "in-progress": 2, "done": 3}


def _web_url(value: str) -> str:
    scheme = value.split(":", 1)[0].lower() if ":" in value else ""
    if scheme not in ("http", "https") or not value.split(":", 1)[1].startswith("//"):
        raise ValueError("only http:// and https:// links are allowed")
    return value


WebUrl = Annotated[str, AfterValidator(_web_url)]


class Ratings(Model):
    """The same measure as the customer sees it and as the company sees it."""

    customer: Rating | None = None
    company: Rating | None = None


class BackstageStep(Model):
    """The company's side of a touchpoint: a team, a system and/or a process."""

    team: Ref | None = None
    system: Ref | None = None
    process: Text | None = None

    @model_validator(mode="after")
    def _not_empty(self) -> BackstageStep:
        if self.team is None and self.system is None and self.process is None:
            raise ValueError("a backstage entry needs at least one of team, system or process")
        return self


class PainPoint(Model):
    """Where the customer struggles or feels a negative emotion."""

    id: Id
    description: Text
    severity: Severity | None = None
    evidence: list[Ref] = Field(default_factory=list)


class Kpi(Model):
    """How success at a touchpoint is measured, how often and by whom."""

    id: Id
    name: Text
    description: str | None = None
    unit: str | None = None
    target: Number | None = None
    current: Number | None = None
    direction: Direction = "up"
    cadence: str | None = None
    owner: Ref | None = None


class Touchpoint(Model):
    """A point of contact between the customer and the company."""

    id: Id
    name: Text
    description: str | None = None
    channel: Ref | None = None
    owner: Ref | None = None
    personas: list[Ref] = Field(default_factory=list)
    actions: list[str] = Field(default_factory=list)
    thoughts: list[str] = Field(default_factory=list)
    feelings: list[str] = Field(default_factory=list)
    emotion: Emotion | None = None
    desired_emotion: Emotion | None = None
    importance: Ratings | None = None
    performance: Ratings | None = None
    moment_of_truth: StrictBool = False
    next: list[Ref] = Field(default_factory=list)
    backstage: list[BackstageStep] = Field(default_factory=list)
    pain_points: list[PainPoint] = Field(default_factory=list)
    kpis: list[Kpi] = Field(default_factory=list)
    evidence: list[Ref] = Field(default_factory=list)


class Stage(Model):
    """A step of the journey, with what the customer wants to achieve there."""

    id: Id
    name: Text
    description: str | None = None
    owner: Ref | None = None
    phase: str | None = None
    goal: str | None = None
    quotes: list[str] = Field(default_factory=list)
    touchpoints: list[Touchpoint] = Field(default_factory=list)


class Opportunity(Model):
    """A solution for prioritised pain points, with the stakeholders who must act."""

    id: Id
    title: Text
    description: str | None = None
    addresses: list[Ref] = Field(default_factory=list)
    owner: Ref | None = None
    stakeholders: list[Ref] = Field(default_factory=list)
    priority: Annotated[StrictInt, Field(ge=1)] | None = None
    status: OpportunityStatus = "idea"
    kpis: list[Ref] = Field(default_factory=list)


class Evidence(Model):
    """Research a map is built on: a survey, interviews, analytics..."""

    id: Id
    kind: EvidenceKind
    title: str | None = None
    date: Date | None = None
    url: WebUrl | None = None
    context: EvidenceContext | None = None
    description: str | None = None


class Focus(Model):
    """The touchpoint of another journey that a tactical map zooms into."""

    journey: Ref
    touchpoint: Ref | None = None


class Journey(Model):
    """One customer journey map."""

    cjm: Literal[1]
    id: Id
    title: Text
    purpose: str | None = None
    view: View = "strategic"
    state: State = "current"
    status: Status = "hypothesis"
    segment: str | None = None
    owner: Ref | None = None
    updated: Date | None = None
    measured: Date | None = None
    review_every: Annotated[StrictInt, Field(ge=1)] | None = None
    personas: list[Ref] = Field(default_factory=list)
    catalog: Catalog | None = None
    focus: Focus | None = None
    stages: Annotated[list[Stage], Field(min_length=1)]
    opportunities: list[Opportunity] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)

    # -- navigation helpers (no derived facts here: see cjmkit.facts) --------

    def iter_touchpoints(self) -> Iterator[tuple[int, Stage, int, Touchpoint]]:
        """Every touchpoint with its stage, in map order."""
        for si, stage in enumerate(self.stages):
            for ti, tp in enumerate(stage.touchpoints):
                yield si, stage, ti, tp

    def iter_pain_points(self) -> Iterator[tuple[Stage, Touchpoint, PainPoint]]:
        for _, stage, _, tp in self.iter_touchpoints():
            for pp in tp.pain_points:
                yield stage, tp, pp

    def iter_kpis(self) -> Iterator[tuple[Stage, Touchpoint, Kpi]]:
        for _, stage, _, tp in self.iter_touchpoints():
            for kpi in tp.kpis:
                yield stage, tp, kpi

    def touchpoint(self, tp_id: str) -> Touchpoint | None:
        for _, _, _, tp in self.iter_touchpoints():
            if tp.id == tp_id:
                return tp
        return None
