"""Catalog entries: the personas, teams, channels and systems a journey refers to."""

from __future__ import annotations

from pydantic import Field

from cjmkit.model.base import Id, Model, Text


class Persona(Model):
    """Who a journey is for: the portrait of a target customer or segment."""

    id: Id
    """Persona id (slug)."""
    name: Text
    """Persona name."""
    description: str | None = None
    """Who they are, what they want."""
    segment: str | None = None
    """Segment they belong to."""


class Team(Model):
    """A department or group that owns stages, touchpoints, KPIs or opportunities."""

    id: Id
    """Team id (slug)."""
    name: Text
    """Team name."""
    contact: str | None = None
    """How to reach the team."""
    description: str | None = None
    """More detail."""


class Channel(Model):
    """Where a touchpoint happens: web site, e-mail, phone, store, app, dealer..."""

    id: Id
    """Channel id (slug)."""
    name: Text
    """Channel name."""
    description: str | None = None
    """More detail."""


class System(Model):
    """An internal system behind a touchpoint (CMS, CRM, mail server...)."""

    id: Id
    """System id (slug)."""
    name: Text
    """System name."""
    description: str | None = None
    """More detail."""


class Catalog(Model):
    """Definitions that journeys refer to by id."""

    personas: list[Persona] = Field(default_factory=list)
    """Who journeys are for."""
    teams: list[Team] = Field(default_factory=list)
    """Departments that own stages, touchpoints, KPIs and opportunities."""
    channels: list[Channel] = Field(default_factory=list)
    """Where touchpoints happen."""
    systems: list[System] = Field(default_factory=list)
    """Internal systems behind touchpoints."""

    def merged_with(self, own: Catalog | None) -> Catalog:
        """This catalog with ``own`` laid over it: where both define an id, ``own`` wins."""
        if own is None:
            return self

        def merge(base: list, top: list) -> list:  # type: ignore[type-arg]
            ids = {item.id for item in top}
            return [item for item in base if item.id not in ids] + list(top)

        return Catalog.model_construct(
            personas=merge(self.personas, own.personas),
            teams=merge(self.teams, own.teams),
            channels=merge(self.channels, own.channels),
            systems=merge(self.systems, own.systems),
        )


CATALOG_KINDS = ("personas", "teams", "channels", "systems")
