"""A Mermaid ``journey`` diagram, which GitHub, GitLab and most wikis draw natively.

Mermaid has no escaping for journey text, so the characters that would end a
task (``:``), start a comment or directive (``%%``, ``#``), or split a line
(``;``, line breaks), or be read as HTML (``<``, ``>``) are replaced with look-alike characters: the text reads
the same and the diagram always parses.
"""

from __future__ import annotations

from cjmkit import facts
from cjmkit.model.catalog import Catalog
from cjmkit.model.journey import Journey
from cjmkit.rendering.palette import Names
from cjmkit.rendering.quoting import clean_lines

_LOOKALIKES = str.maketrans(
    {
        ":": "∶",  # RATIO
        ";": "；",
        "#": "＃",
        "%": "％",
        ",": "‚",  # only matters in actor lists; harmless elsewhere
        "`": "ʼ",  # would close a Markdown code fence around the diagram
        "\n": " ",
        "<": "‹",  # Mermaid may treat text as HTML in some renderers
        ">": "›",
        "{": "❴",
        "}": "❵",
    }
)
#: Words that start a statement when they begin a line.
_KEYWORDS = ("title", "section", "acctitle", "accdescr", "journey")
#: Joins nothing visible, but stops a task from starting with a keyword.
_WORD_JOINER = "\u2060"

NEUTRAL_SCORE = 3


def mermaid_text(text: str) -> str:
    """``text`` made safe for one Mermaid journey statement (never empty)."""
    out = " ".join(clean_lines(text).translate(_LOOKALIKES).split())
    if out.lower().startswith(_KEYWORDS):
        out = _WORD_JOINER + out
    return out or "–"


def journey_mermaid(journey: Journey, catalog: Catalog | None) -> str:
    """The journey as Mermaid: a section per stage, a task per touchpoint, score = emotion + 3, actors = personas.

    A touchpoint with no observed emotion gets the neutral score 3 and a ``(?)``.
    """
    names = Names(catalog if catalog is not None else journey.catalog)
    lines = ["journey", f"    title {mermaid_text(journey.title)}"]
    for stage in journey.stages:
        lines.append(f"    section {mermaid_text(stage.name)}")
        for tp in stage.touchpoints:
            # Mermaid gives a task one score for all its actors: a derived mean stands for the personas' scores.
            emotion = facts.touchpoint_emotion(tp)
            score = facts.rounded_emotion(emotion) + 3 if emotion is not None else NEUTRAL_SCORE
            name = mermaid_text(tp.name) + ("" if emotion is not None else " (?)")
            actors = [mermaid_text(names.persona(p)) for p in (tp.personas or journey.personas)]
            lines.append(f"      {name}: {score}" + (f": {', '.join(actors)}" if actors else ""))
    return "\n".join(lines) + "\n"
