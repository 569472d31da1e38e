"""Catalog entries: the personas, teams, channels and systems a journey refers to."""

from __future__ import annotations

from pydantic import Field

from cjmkit.model.base import Id, Model, Text


class Persona(Model):
    """Who a journey is for: the portrait of a target customer or segment."""

    id: Id
    name: Text
    description: str | None = None
    segment: str | None = None


class Team(Model):
    """A department or group that owns stages, touchpoints, KPIs or opportunities."""

    id: Id
    name: Text
    contact: str | None = None
    description: str | None = None


class Channel(Model):
    """Where a touchpoint happens: web site, e-mail, phone, store, app, dealer..."""

    id: Id
    name: Text
    description: str | None = None


class System(Model):
    """An internal system behind a touchpoint (CMS, CRM, mail server...)."""

    id: Id
    name: Text
    description: str | None = None


class Catalog(Model):
    """Definitions that journeys refer to by id."""

    personas: list[Persona] = Field(default_factory=list)
    teams: list[Team] = Field(default_factory=list)
    channels: list[Channel] = Field(default_factory=list)
    systems: list[System] = Field(default_factory=list)

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
