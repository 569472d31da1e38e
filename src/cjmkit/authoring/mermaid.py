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
The diagram may sit in a Markdown file, inside a fenced ``mermaid`` block.
"""

from __future__ import annotations

import re
from typing import Any

from cjmkit.authoring.importing import ImportResult, add_missing_definitions, finish, slugify, unique_id
from cjmkit.diagnostics import Diagnostic
from cjmkit.workspace import Workspace

_FENCE = re.compile(r"^\s*(```|~~~)\s*mermaid\s*$")
_TASK = re.compile(r"^(?P<name>[^:]+?)\s*:\s*(?P<score>[^:]*?)\s*(?::\s*(?P<actors>.*))?$")


def _diagram_lines(text: str) -> list[tuple[int, str]]:
    """The lines of the first ``journey`` diagram, with their line numbers in the file."""
    lines = text.splitlines()
    numbered = list(enumerate(lines, start=1))
    fenced = [i for i, line in numbered if _FENCE.match(line)]
    for start in fenced:
        body: list[tuple[int, str]] = []
        for n, line in numbered[start:]:
            if line.strip().startswith(("```", "~~~")):
                break
            body.append((n, line))
        if any(line.strip() == "journey" for _, line in body):
            return body
    return numbered


def import_mermaid(
    text: str,
    shown: str,
    *,
    workspace: Workspace | None = None,
    journey_id: str | None = None,
) -> ImportResult:
    result = ImportResult()

    def problem(message: str, line: int) -> None:
        result.diagnostics.append(Diagnostic(code="I201", message=message, path=shown, line=line, column=1))

    lines = _diagram_lines(text)
    start = next((i for i, (_, line) in enumerate(lines) if line.strip() == "journey"), None)
    if start is None:
        problem("no Mermaid 'journey' diagram found (it starts with a line reading 'journey')", 1)
        return result
    title = ""
    stages: list[dict[str, Any]] = []
    stage_ids: set[str] = set()
    touchpoint_ids: set[str] = set()
    personas: dict[str, str] = {}  # actor name -> persona id
    for n, raw in lines[start + 1 :]:
        line = raw.strip()
        if not line or line.startswith("%%"):
            if line.startswith("%%"):
                result.notes.append(f"line {n}: comment not carried over: {line[2:].strip()}")
            continue
        if line.startswith("title"):
            title = line[5:].strip()
            continue
        if line.startswith("section"):
            name = line[7:].strip() or f"Stage {len(stages) + 1}"
            stages.append({"id": unique_id(slugify(name, "stage"), stage_ids), "name": name, "touchpoints": []})
            result.lines[(len(stages) - 1,)] = n
            continue
        if line.startswith(("accTitle", "accDescr")):
            result.notes.append(f"line {n}: accessibility text not carried over: {line}")
            continue
        match = _TASK.match(line)
        if not match:
            result.notes.append(f"line {n}: not understood, skipped: {line}")
            continue
        if not stages:
            stages.append({"id": unique_id("journey", stage_ids), "name": "Journey", "touchpoints": []})
            result.notes.append(f"line {n}: tasks before the first section were put in a stage named 'Journey'")
        name = match["name"].strip()
        tp: dict[str, Any] = {"id": unique_id(slugify(name, "touchpoint"), touchpoint_ids), "name": name}
        score = match["score"]
        if score:
            if re.fullmatch(r"[1-5]", score):
                tp["emotion"] = int(score) - 3
            else:
                result.notes.append(f"line {n}: score '{score}' is not 1..5, so '{name}' has no emotion")
        actors = [a.strip() for a in (match["actors"] or "").split(",") if a.strip()]
        if actors:
            taken = set(personas.values())
            for actor in actors:
                if actor not in personas:
                    personas[actor] = unique_id(slugify(actor, "persona"), taken)
            tp["personas"] = [personas[a] for a in actors]
        stages[-1]["touchpoints"].append(tp)
        result.lines[(len(stages) - 1, len(stages[-1]["touchpoints"]) - 1)] = n
    if not stages:
        problem("the diagram has no sections or tasks", lines[start][0])
        return result
    result.lines[()] = lines[start][0]
    jid = journey_id or slugify(title or shown.rsplit("/", 1)[-1].split(".")[0], "journey")
    data: dict[str, Any] = {"cjm": 1, "id": jid, "title": title or jid}
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
        f"Imported from the Mermaid diagram in {shown} by cjm import mermaid.\n"
        "Emotions are the diagram's scores minus 3. Add channels, owners, pain points and KPIs."
    )
    return finish(result, data, header, shown, workspace)
