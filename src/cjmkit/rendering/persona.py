"""A journey as one persona lives it: what ``cjm render --persona ID`` draws in the flow and blueprint diagrams."""

from __future__ import annotations

from cjmkit import facts
from cjmkit.errors import RenderError
from cjmkit.model.catalog import Catalog
from cjmkit.model.journey import Journey, Touchpoint
from cjmkit.rendering.palette import Names
from cjmkit.suggest import did_you_mean


def known_personas(journey: Journey) -> list[str]:
    """The personas a diagram can be drawn for: the journey's, then any other with an experience."""
    return [*journey.personas, *(p for p in facts.experience_personas(journey) if p not in journey.personas)]


def _touchpoint_for(tp: Touchpoint, persona: str) -> Touchpoint:
    exp = facts.experience_of(tp, persona)
    if exp is not None:
        return tp.model_copy(
            update={
                "emotion": exp.emotion,
                "desired_emotion": facts.experience_desired(tp, exp),
                "feelings": exp.feelings,
                "thoughts": exp.thoughts,
                "experiences": [],
            }
        )
    if tp.experiences:
        # Other personas' experiences are recorded here, not this one's: its emotion is not known.
        return tp.model_copy(update={"emotion": None, "feelings": [], "thoughts": [], "experiences": []})
    return tp  # no experiences: the touchpoint's own values speak for every persona


def journey_for_persona(journey: Journey, catalog: Catalog | None, persona: str) -> Journey:
    """``journey`` with each touchpoint's emotion, wanted emotion, feelings and thoughts taken from ``persona``'s
    experience. Raises :class:`RenderError` for a persona the journey does not know."""
    known = known_personas(journey)
    if persona not in known:
        hint = did_you_mean(persona, known)
        listed = ", ".join(known) if known else "it names none"
        raise RenderError(
            f"--persona {persona}: not a persona of journey '{journey.id}' ({listed})" + (f"; {hint}" if hint else "")
        )
    stages = [
        stage.model_copy(update={"touchpoints": [_touchpoint_for(tp, persona) for tp in stage.touchpoints]})
        for stage in journey.stages
    ]
    name = Names(catalog if catalog is not None else journey.catalog).persona(persona)
    return journey.model_copy(update={"stages": stages, "title": f"{journey.title}: as {name} lives it"})


__all__ = ["journey_for_persona", "known_personas"]
