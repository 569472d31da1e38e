"""The settings file ``cjm.yaml``: its model (the workspace it describes is found by :mod:`cjmkit.workspace`)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from cjmkit.model.base import Model, Number
from cjmkit.model.catalog import Catalog

RuleLevel = Literal["error", "warning", "info", "off"]


class LintConfig(Model):
    """Lint settings: severity per rule and options per rule."""

    rules: dict[str, RuleLevel] = Field(default_factory=dict)
    """Severity per rule name or code: error, warning, info or off."""
    options: dict[str, dict[str, Any]] = Field(default_factory=dict)
    """Options per rule name or code, for example ``{emotion-gap: {min_gap: 3}}``."""


ScoringModelName = Literal["rice", "ice", "value-effort", "custom"]


class ScoreField(Model):
    """A custom scoring field and the range its values must stay in."""

    min: Number
    """The smallest value allowed."""
    max: Number
    """The largest value allowed."""


class Scoring(Model):
    """How opportunities are scored: a built-in model, or fields and a formula of your own."""

    model: ScoringModelName
    """rice, ice, value-effort, or custom (with fields and formula)."""
    fields: dict[str, ScoreField] = Field(default_factory=dict)
    """A custom model's fields: name -> {min, max}."""
    formula: str | None = None
    """A custom model's formula over its fields: numbers, field names and + - * / ( )."""


class WorkspaceFile(Model):
    """The ``cjm.yaml`` at the root of a workspace."""

    cjm: Literal[1]
    """Format version: 1."""
    journeys: list[str] = Field(default_factory=lambda: ["**/*.cjm.yaml", "**/*.cjm.yml"])
    """Glob patterns, relative to the workspace root, of the journey files."""
    catalog: Catalog = Field(default_factory=Catalog)
    """Personas, teams, channels and systems shared by every journey."""
    lint: LintConfig = Field(default_factory=LintConfig)
    """Lint settings: severity and options per rule."""
    scoring: Scoring | None = None
    """The model that scores opportunities (their ``scores:``) for ``cjm plan`` and the report."""
    render: dict[str, Any] = Field(default_factory=dict)
    """Render settings (reserved)."""
    templates: dict[str, str] = Field(default_factory=dict)
    """Extra journey templates for ``cjm new``: name -> path relative to the workspace root."""
