"""The journey file, format version 1 (see docs/format.md)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, StrictBool, StrictInt, model_validator

from cjmkit.model.base import MAX_REVIEW_DAYS, Date, Emotion, Id, Model, Number, Rating, Ref, Text
from cjmkit.model.catalog import Catalog

SUPPORTED_VERSIONS = (1,)

View = Literal["strategic", "tactical", "performance"]
State = Literal["current", "future"]
Status = Literal["hypothesis", "validated"]
#: How bad a pain point is (a finding's severity is :class:`cjmkit.diagnostics.Severity`).
PainSeverity = Literal["low", "medium", "high", "critical"]
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
    """The customer's rating, 1 (lowest) to 5 (highest)."""
    company: Rating | None = None
    """The company's own rating, 1 to 5."""


class BackstageStep(Model):
    """The company's side of a touchpoint: a team, a system and/or a process."""

    team: Ref | None = None
    """Team id (catalog) that works behind the touchpoint."""
    system: Ref | None = None
    """System id (catalog) that supports the touchpoint."""
    process: Text | None = None
    """The internal process, in words."""

    @model_validator(mode="after")
    def _not_empty(self) -> BackstageStep:
        if self.team is None and self.system is None and self.process is None:
            raise ValueError("a backstage entry needs at least one of team, system or process")
        return self


class PainPoint(Model):
    """Where the customer struggles or feels a negative emotion."""

    id: Id
    """Unique pain point id (slug)."""
    description: Text
    """What the customer struggles with."""
    severity: PainSeverity | None = None
    """How bad it is: low, medium, high or critical."""
    evidence: list[Ref] = Field(default_factory=list)
    """Evidence ids that back this pain point."""


class Kpi(Model):
    """How success at a touchpoint is measured, how often and by whom."""

    id: Id
    """Unique KPI id (slug)."""
    name: Text
    """What is measured."""
    description: str | None = None
    """How it is measured."""
    unit: str | None = None
    """Unit of the values, e.g. percent."""
    target: Number | None = None
    """The value that means success."""
    current: Number | None = None
    """The latest measured value."""
    direction: Direction = "up"
    """Which way is better: up or down."""
    cadence: str | None = None
    """How often it is checked, e.g. weekly."""
    owner: Ref | None = None
    """Team id that checks it."""


class Experience(Model):
    """How one persona lives a touchpoint: its own emotion, ratings, words and pain points."""

    persona: Ref
    """Persona id: one of the touchpoint's personas (or the journey's, when the touchpoint lists none)."""
    emotion: Emotion | None = None
    """This persona's observed emotion, -2 (very negative) to +2 (very positive)."""
    desired_emotion: Emotion | None = None
    """The emotion the company wants for this persona, -2 to +2."""
    feelings: list[str] = Field(default_factory=list)
    """What this persona feels, in words."""
    thoughts: list[str] = Field(default_factory=list)
    """What this persona thinks."""
    importance: Rating | None = None
    """How important the touchpoint is to this persona (customer side, 1-5)."""
    performance: Rating | None = None
    """How well the company performs here for this persona (customer side, 1-5)."""
    pain_points: list[Ref] = Field(default_factory=list)
    """Ids of this touchpoint's pain points that this persona has."""


class Touchpoint(Model):
    """A point of contact between the customer and the company."""

    id: Id
    """Unique touchpoint id (slug)."""
    name: Text
    """The point of contact, as the customer experiences it."""
    description: str | None = None
    """More detail."""
    channel: Ref | None = None
    """Channel id (catalog): web site, e-mail, phone..."""
    owner: Ref | None = None
    """Team id responsible for the experience here."""
    personas: list[Ref] = Field(default_factory=list)
    """Subset of the journey's personas this touchpoint concerns."""
    actions: list[str] = Field(default_factory=list)
    """What the customer does."""
    thoughts: list[str] = Field(default_factory=list)
    """What the customer thinks."""
    feelings: list[str] = Field(default_factory=list)
    """What the customer feels, in words."""
    emotion: Emotion | None = None
    """Observed emotion, -2 (very negative) to +2 (very positive)."""
    desired_emotion: Emotion | None = None
    """The emotion the company wants, -2 to +2."""
    importance: Ratings | None = None
    """How important the touchpoint is, to the customer and to the company (1-5)."""
    performance: Ratings | None = None
    """How well the company performs here, as the customer and the company see it (1-5)."""
    moment_of_truth: StrictBool = False
    """True where the relationship is made or broken."""
    next: list[Ref] = Field(default_factory=list)
    """Touchpoint ids this one leads to."""
    backstage: list[BackstageStep] = Field(default_factory=list)
    """The teams, systems and processes behind the touchpoint."""
    pain_points: list[PainPoint] = Field(default_factory=list)
    """Where the customer struggles here."""
    kpis: list[Kpi] = Field(default_factory=list)
    """How success here is measured."""
    evidence: list[Ref] = Field(default_factory=list)
    """Evidence ids the touchpoint is based on."""
    experiences: list[Experience] = Field(default_factory=list)
    """How each persona lives this touchpoint; without `emotion`, the touchpoint's emotion is their mean."""


class Stage(Model):
    """A step of the journey, with what the customer wants to achieve there."""

    id: Id
    """Unique stage id (slug)."""
    name: Text
    """Stage name, in the customer's terms."""
    description: str | None = None
    """More detail."""
    owner: Ref | None = None
    """Team id responsible for the stage."""
    phase: str | None = None
    """Lifecycle tag, e.g. acquisition, loyalty; `exit` marks ending the relationship."""
    goal: str | None = None
    """What the customer wants to achieve or feel here."""
    quotes: list[str] = Field(default_factory=list)
    """Customer verbatims."""
    touchpoints: list[Touchpoint] = Field(default_factory=list)
    """The points of contact in this stage, in order."""


class Opportunity(Model):
    """A solution for prioritised pain points, with the stakeholders who must act."""

    id: Id
    """Unique opportunity id (slug)."""
    title: Text
    """The solution, in a line."""
    description: str | None = None
    """More detail."""
    addresses: list[Ref] = Field(default_factory=list)
    """Pain point ids it resolves."""
    owner: Ref | None = None
    """Team id accountable for it."""
    stakeholders: list[Ref] = Field(default_factory=list)
    """Team ids that must act."""
    priority: Annotated[StrictInt, Field(ge=1)] | None = None
    """1 = first."""
    status: OpportunityStatus = "idea"
    """idea, planned, in-progress, done or dropped."""
    kpis: list[Ref] = Field(default_factory=list)
    """KPI ids that measure its success."""
    scores: dict[str, Number] = Field(default_factory=dict)
    """Its factors under the workspace's scoring model, e.g. {reach: 400, impact: 2, confidence: 0.8, effort: 3}."""


class Evidence(Model):
    """Research a map is built on: a survey, interviews, analytics..."""

    id: Id
    """Unique evidence id (slug)."""
    kind: EvidenceKind
    """survey, interview, focus-group, analytics, social, support, transactional, workshop or other."""
    title: str | None = None
    """What the research is."""
    date: Date | None = None
    """When it was done (YYYY-MM-DD)."""
    url: WebUrl | None = None
    """Link to it (http or https only)."""
    context: EvidenceContext | None = None
    """Data context: relationship, personal or situational."""
    description: str | None = None
    """More detail."""


class Focus(Model):
    """The touchpoint of another journey that a tactical map zooms into."""

    journey: Ref
    """Id of the journey zoomed into."""
    touchpoint: Ref | None = None
    """Id of its touchpoint zoomed into."""


class Journey(Model):
    """One customer journey map."""

    cjm: Literal[1]
    """Format version: 1."""
    id: Id
    """Journey id (slug); keep it when renaming."""
    title: Text
    """Journey title."""
    purpose: str | None = None
    """Why this map exists: the question it answers."""
    view: View = "strategic"
    """Kind of map: strategic, tactical or performance."""
    state: State = "current"
    """current (as-is) or future (to-be)."""
    status: Status = "hypothesis"
    """hypothesis (assumed) or validated (evidence-based)."""
    segment: str | None = None
    """Customer segment, free text."""
    owner: Ref | None = None
    """Team id accountable for the map."""
    updated: Date | None = None
    """Date of the last review (YYYY-MM-DD)."""
    measured: Date | None = None
    """Date the KPI values were last measured."""
    review_every: Annotated[StrictInt, Field(ge=1, le=MAX_REVIEW_DAYS)] | None = None
    """Days between reviews; the map is stale after updated + review_every."""
    personas: list[Ref] = Field(default_factory=list)
    """Persona ids the journey is for."""
    catalog: Catalog | None = None
    """Definitions local to this journey; they override the workspace's."""
    focus: Focus | None = None
    """For a tactical map: the journey and touchpoint it zooms into."""
    stages: Annotated[list[Stage], Field(min_length=1)]
    """The stages, in order."""
    opportunities: list[Opportunity] = Field(default_factory=list)
    """Solutions for the pain points."""
    evidence: list[Evidence] = Field(default_factory=list)
    """The research the map is built on."""

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
