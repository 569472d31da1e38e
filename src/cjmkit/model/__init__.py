"""The journey file format as Pydantic types."""

from cjmkit.model.catalog import CATALOG_KINDS, Catalog, Channel, Persona, System, Team
from cjmkit.model.journey import (
    OPPORTUNITY_PROGRESS,
    SEVERITY_ORDER,
    SUPPORTED_VERSIONS,
    BackstageStep,
    Evidence,
    Experience,
    Focus,
    Journey,
    Kpi,
    Opportunity,
    PainPoint,
    Ratings,
    Stage,
    Touchpoint,
)
from cjmkit.model.settings import LintConfig, WorkspaceFile

__all__ = [
    "CATALOG_KINDS",
    "OPPORTUNITY_PROGRESS",
    "SEVERITY_ORDER",
    "SUPPORTED_VERSIONS",
    "BackstageStep",
    "Catalog",
    "Channel",
    "Evidence",
    "Experience",
    "Focus",
    "Journey",
    "Kpi",
    "LintConfig",
    "Opportunity",
    "PainPoint",
    "Persona",
    "Ratings",
    "Stage",
    "System",
    "Team",
    "Touchpoint",
    "WorkspaceFile",
]
