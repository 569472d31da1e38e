"""A Markdown summary of a journey (a table plus the Mermaid diagram), for pull requests and wikis."""

from __future__ import annotations

import datetime as dt
import re

from cjmkit import facts
from cjmkit.model.catalog import Catalog
from cjmkit.model.journey import Journey
from cjmkit.rendering.mermaid import journey_mermaid
from cjmkit.rendering.palette import Names, signed
from cjmkit.rendering.quoting import clean_lines
from cjmkit.textsafety import inert_references

#: Characters Markdown (or the HTML it allows) would act on.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
#: Characters that only act at the start of a line (headings, lists, quotes).
_LINE_START = re.compile(r"^([#+\-=>])")
_NUMBERED = re.compile(r"^(\d+)([.)])")


def md_text(text: str) -> str:
    """``text`` as inert Markdown on one line: HTML is escaped, Markdown syntax backslash-escaped."""
    one_line = inert_references(" ".join(clean_lines(text).split()))
    escaped = one_line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    inline = _MARKDOWN_SPECIAL.sub(r"\\\1", escaped)
    return _NUMBERED.sub(r"\1\\\2", _LINE_START.sub(r"\\\1", inline))


def journey_markdown(journey: Journey, catalog: Catalog | None, today: dt.date | None = None) -> str:
    names = Names(catalog if catalog is not None else journey.catalog)
    pains = facts.pains_by_severity(journey)
    status = "hypothesis (not yet validated)" if journey.status == "hypothesis" else "validated"
    review = journey.updated.isoformat() if journey.updated else "never"
    if facts.is_stale(journey, today):
        review += " (**stale**)"
    avg = facts.average_emotion(journey)
    out = [
        f"## {md_text(journey.title)}",
        "",
    ]
    if journey.purpose:
        out += [md_text(journey.purpose), ""]
    out += [
        f"Status: {status} · Owner: {md_text(names.team(journey.owner) or 'none')} · Last review: {review} · "
        f"Average emotion: {signed(avg) if avg is not None else 'n/a'} · "
        f"Pain points: {pains['critical']} critical, {pains['high']} high, "
        f"{pains['medium']} medium, {pains['low']} low",
        "",
        "| Stage | Touchpoint | Channel | Emotion (wanted) | Pain points | Moment of truth |",
        "|---|---|---|---|---|---|",
    ]
    for _, stage, _, tp in journey.iter_touchpoints():
        value = facts.touchpoint_emotion(tp)
        emotion = signed(value) if value is not None else "?"
        if facts.emotion_is_derived(tp):
            emotion += " (mean)"
        if tp.desired_emotion is not None:
            emotion += f" ({signed(tp.desired_emotion)})"
        worst = facts.highest_severity(tp)
        pain = f"{len(tp.pain_points)}" + (f" (worst: {worst})" if worst else "") if tp.pain_points else ""
        out.append(
            f"| {md_text(stage.name)} | {md_text(tp.name)} | {md_text(names.channel(tp.channel))} | {emotion} | "
            f"{pain} | {'★' if tp.moment_of_truth else ''} |"
        )
    out += _persona_table(journey, names)
    out += ["", "```mermaid", journey_mermaid(journey, catalog).rstrip("\n"), "```", ""]
    return "\n".join(out)


def _persona_table(journey: Journey, names: Names) -> list[str]:
    """Each persona's emotion (and wanted emotion) per touchpoint, when the map records experiences."""
    personas = facts.experience_personas(journey)
    if not personas:
        return []
    out = [
        "",
        "Emotion per persona (wanted):",
        "",
        "| Touchpoint | " + " | ".join(md_text(names.persona(p)) for p in personas) + " |",
        "|---|" + "---|" * len(personas),
    ]
    for _, _, _, tp in journey.iter_touchpoints():
        if not tp.experiences:
            continue
        cells = []
        for p in personas:
            exp = facts.experience_of(tp, p)
            cell = "" if exp is None else (signed(exp.emotion) if exp.emotion is not None else "?")
            if exp is not None and (desired := facts.experience_desired(tp, exp)) is not None:
                cell += f" ({signed(desired)})"
            cells.append(cell)
        out.append(f"| {md_text(tp.name)} | " + " | ".join(cells) + " |")
    return out
