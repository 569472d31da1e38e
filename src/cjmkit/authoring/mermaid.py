"""``cjm import mermaid``: a Mermaid ``journey`` diagram into a journey file.

Mermaid's user-journey diagram has a title, sections (our stages) and tasks
(our touchpoints) with a 1..5 score and the actors taking part::

    journey
      title My working day
      section Go to work
        Make tea: 5: Me
        Go upstairs: 3: Me, Cat

The score becomes the observed emotion (score - 3, so 1..5 maps to -2..+2) and
the actors become personas.  Anything else is reported, never silently dropped.
The diagram may sit in a Markdown, HTML or reStructuredText file (see
:mod:`cjmkit.authoring.mermaid_source`); of several, one is imported and the
others are named in a warning.
"""

from __future__ import annotations

import re
from typing import Any

from cjmkit.authoring.importing import (
    ImportOptionError,
    ImportResult,
    add_missing_definitions,
    finish,
    slugify,
    source_name,
    unique_id,
)
from cjmkit.authoring.mermaid_source import Diagram, find_journeys
from cjmkit.diagnostics import Diagnostic
from cjmkit.workspace import Workspace

# Mermaid 11's journey grammar: keywords are case-insensitive and need a blank
# after them ("titled breakfast: 5: Me" is a task); a title runs to '#' or ';',
# a section to '#', ':' or ';'; a task is NAME ':' DATA, where DATA splits on
# ':' into the score and the comma-separated actors (later pieces are ignored).
_TITLE = re.compile(r"title\s+(?P<value>[^#;]*)", re.I)
_SECTION = re.compile(r"section\s+(?P<value>[^#:;]*)", re.I)
_ACCESSIBILITY = re.compile(r"acc(title|descr)\b", re.I)
_TASK = re.compile(r"(?P<name>[^#:;]+):(?P<data>[^#;]*)")


class DiagramChoiceError(ImportOptionError):
    """``--index`` or ``--title`` names no diagram of the file."""


def _listing(diagrams: list[Diagram]) -> str:
    return "; ".join(f"{i} '{d.title or '(no title)'}' (line {d.start})" for i, d in enumerate(diagrams, start=1))


def choose_diagram(
    diagrams: list[Diagram], index: int | None, title: str | None, shown: str
) -> tuple[Diagram, str | None]:
    """The diagram asked for (the first by default), and a warning when the choice was not the user's.

    With no --index or --title and several diagrams, the warning names the others; a --title
    that several diagrams share warns too. A choice the user made unambiguously needs no note.
    """
    if index is not None:
        if not 1 <= index <= len(diagrams):
            raise DiagramChoiceError(
                f"--index {index}: {shown} has {len(diagrams)} journey diagram(s): {_listing(diagrams)}"
            )
        return diagrams[index - 1], None
    if title is not None:
        matching = [d for d in diagrams if d.title.casefold() == title.strip().casefold()]
        if not matching:
            raise DiagramChoiceError(
                f"--title '{title}': no journey diagram of {shown} has that title; it has: {_listing(diagrams)}"
            )
        if len(matching) == 1:
            return matching[0], None
        number = diagrams.index(matching[0]) + 1
        return matching[0], (
            f"--title '{title}': {len(matching)} journey diagrams of {shown} have that title: "
            f"{_listing(diagrams)}; imported number {number}. Choose another with --index N."
        )
    chosen = diagrams[0]
    if len(diagrams) == 1:
        return chosen, None
    return chosen, (
        f"{shown} has {len(diagrams)} journey diagrams: {_listing(diagrams)}; imported number 1. "
        "Choose another with --index N or --title TITLE."
    )


def _score(text: str) -> int | None:
    """The score as Mermaid reads it (a number), when it is a whole number."""
    try:
        value = float(text)
    except ValueError:
        return None
    return int(value) if value.is_integer() else None


def import_mermaid(
    text: str,
    shown: str,
    *,
    workspace: Workspace | None = None,
    journey_id: str | None = None,
    index: int | None = None,
    title: str | None = None,
) -> ImportResult:
    """The journey of one diagram in ``text``; raises :class:`DiagramChoiceError` for a bad ``index``/``title``."""
    result = ImportResult()

    def problem(message: str, line: int) -> None:
        result.diagnostics.append(Diagnostic(code="I201", message=message, path=shown, line=line, column=1))

    diagrams = find_journeys(text)
    if not diagrams:
        problem(
            "no Mermaid 'journey' diagram found (a .mmd file or a ```mermaid block, <div class=\"mermaid\"> "
            "or '.. mermaid::' directive whose first line reads 'journey')",
            1,
        )
        return result
    diagram, others = choose_diagram(diagrams, index, title, shown)
    if others:
        result.warnings.append(others)
    lines = diagram.lines
    start = 0
    title_text = diagram.front_title
    stages: list[dict[str, Any]] = []
    stage_ids: set[str] = set()
    touchpoint_ids: set[str] = set()
    personas: dict[str, str] = {}  # actor name -> persona id
    for n, raw in lines[start + 1 :]:
        line = raw.strip()
        if not line or line.startswith(("%%", "#")):
            if line:
                result.notes.append(f"line {n}: comment not carried over: {line.lstrip('%#').strip()}")
            continue
        if match := _TITLE.match(line):
            title_text = match["value"].strip()
            continue
        if match := _SECTION.match(line):
            name = match["value"].strip() or f"Stage {len(stages) + 1}"
            stages.append({"id": unique_id(slugify(name, "stage"), stage_ids), "name": name, "touchpoints": []})
            result.lines[(len(stages) - 1,)] = n
            continue
        if _ACCESSIBILITY.match(line):
            result.notes.append(f"line {n}: accessibility text not carried over: {line}")
            continue
        match = _TASK.fullmatch(line)
        if not match:
            result.notes.append(f"line {n}: not understood, skipped: {line}")
            continue
        if not stages:
            stages.append({"id": unique_id("journey", stage_ids), "name": "Journey", "touchpoints": []})
            result.notes.append(f"line {n}: tasks before the first section were put in a stage named 'Journey'")
        name = match["name"].strip()
        tp: dict[str, Any] = {"id": unique_id(slugify(name, "touchpoint"), touchpoint_ids), "name": name}
        pieces = match["data"].split(":")
        score_text = pieces[0].strip()
        score = _score(score_text) if score_text else None
        if score is not None and 1 <= score <= 5:
            tp["emotion"] = score - 3
        elif score == 0:  # Mermaid draws it, with its saddest face
            tp["emotion"] = -2
            result.notes.append(f"line {n}: score 0 of '{name}' was read as 1 (emotion -2)")
        elif score_text:
            result.notes.append(f"line {n}: score '{score_text}' is not 1..5, so '{name}' has no emotion")
        if len(pieces) > 2:
            result.notes.append(f"line {n}: ignored after the actors, as Mermaid does: {':'.join(pieces[2:]).strip()}")
        actors = [a.strip() for a in (pieces[1] if len(pieces) > 1 else "").split(",") if a.strip()]
        if actors:
            taken = set(personas.values())
            for actor in actors:
                if actor not in personas:
                    personas[actor] = unique_id(slugify(actor, "persona"), taken)
            tp["personas"] = list(dict.fromkeys(personas[a] for a in actors))
        stages[-1]["touchpoints"].append(tp)
        result.lines[(len(stages) - 1, len(stages[-1]["touchpoints"]) - 1)] = n
    if not stages:
        problem("the diagram has no sections or tasks", lines[start][0])
        return result
    result.lines[()] = lines[start][0]
    jid = journey_id or slugify(title_text or shown.rsplit("/", 1)[-1].split(".")[0], "journey")
    data: dict[str, Any] = {"cjm": 1, "id": jid, "title": title_text or jid}
    if personas:
        data["personas"] = list(personas.values())
    data["stages"] = stages
    for stage in stages:
        if not stage["touchpoints"]:
            del stage["touchpoints"]
    result.journey_id = jid
    result.notes += add_missing_definitions(data, workspace)
    # Use the actors' own names for the personas defined here.
    names = {pid: actor for actor, pid in personas.items()}
    for persona in data.get("catalog", {}).get("personas", []):
        persona["name"] = names.get(persona["id"], persona["name"])
    header = (
        # Only the file's name goes into the map: the folder it was read from is the importer's machine.
        f"Imported from the Mermaid diagram in {source_name(shown)} by cjm import mermaid.\n"
        "Emotions are the diagram's scores minus 3. Add channels, owners, pain points and KPIs."
    )
    return finish(result, data, header, shown, workspace)
