"""What every import shares: filling in definitions the source cannot carry, writing the YAML,
and validating it before a byte reaches the disk."""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cjmkit.diagnostics import Diagnostic
from cjmkit.workspace import Workspace


@dataclass
class ImportResult:
    """A journey converted from another format, or the reasons it could not be."""

    journey_id: str = ""
    text: str = ""
    notes: list[str] = field(default_factory=list)  # what was filled in or could not be carried over
    warnings: list[str] = field(default_factory=list)  # what the user should know before relying on the result
    diagnostics: list[Diagnostic] = field(default_factory=list)
    lines: dict[tuple[int, ...], int] = field(default_factory=dict)
    """The source line of the journey ``()``, of each stage ``(i,)`` and touchpoint ``(i, j)``, by position."""

    @property
    def ok(self) -> bool:
        return bool(self.text) and not any(d.severity.value == "error" for d in self.diagnostics)


_SYLLABLE_SCRIPTS = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af]")


class ImportOptionError(Exception):
    """An option of the import names nothing in the source (a usage error)."""


def source_name(shown: str) -> str:
    """The file name of an import's source, as the map's header names it (never its folders)."""
    return shown.replace("\\", "/").rsplit("/", 1)[-1]


def slugify(text: str, fallback: str = "item") -> str:
    """``"Make tea!"`` -> ``make-tea``, ``"Поиск тура"`` -> ``poisk-tura``: a valid, readable id from free text.

    Text in any script is transliterated to Latin letters first (Chinese to
    pinyin, Greek and Cyrillic letter by letter); ``fallback`` is used only when
    nothing readable remains.
    """
    from anyascii import anyascii

    # One Chinese character or Korean syllable is one syllable of the reading: keep them apart (zhi-fu).
    spaced = _SYLLABLE_SCRIPTS.sub(r" \g<0> ", text)
    # Apostrophes (and the Russian soft and hard signs, which transliterate to one) sit inside a word.
    latin = anyascii(spaced).replace("'", "")
    slug = re.sub(r"[^a-z0-9]+", "-", latin.lower()).strip("-")[:60].strip("-")
    return slug or fallback


def unique_id(base: str, taken: set[str]) -> str:
    candidate, n = base, 2
    while candidate in taken:
        candidate = f"{base}-{n}"
        n += 1
    taken.add(candidate)
    return candidate


def _references(data: dict[str, Any]) -> dict[str, list[str]]:
    """Ids the journey refers to, per catalog kind (and evidence), in order of appearance."""
    refs: dict[str, list[str]] = {"personas": [], "teams": [], "channels": [], "systems": [], "evidence": []}

    def add(kind: str, value: Any) -> None:
        if isinstance(value, str) and value and value not in refs[kind]:
            refs[kind].append(value)

    for pid in data.get("personas", []):
        add("personas", pid)
    add("teams", data.get("owner"))
    for stage in data.get("stages", []):
        add("teams", stage.get("owner"))
        for tp in stage.get("touchpoints", []):
            add("teams", tp.get("owner"))
            add("channels", tp.get("channel"))
            for pid in tp.get("personas", []):
                add("personas", pid)
            for step in tp.get("backstage", []):
                add("teams", step.get("team"))
                add("systems", step.get("system"))
            for pp in tp.get("pain_points", []):
                for ev in pp.get("evidence", []):
                    add("evidence", ev)
            for kpi in tp.get("kpis", []):
                add("teams", kpi.get("owner"))
            for ev in tp.get("evidence", []):
                add("evidence", ev)
    return refs


def add_missing_definitions(data: dict[str, Any], workspace: Workspace | None) -> list[str]:
    """Define, in the journey's own catalog, every persona, team, channel or system it names that
    the workspace does not; and every evidence id as a placeholder. Returns what was added."""
    catalog = workspace.catalog if workspace is not None else None
    known = {
        kind: {item.id for item in getattr(catalog, kind)} if catalog is not None else set()
        for kind in ("personas", "teams", "channels", "systems")
    }
    notes: list[str] = []
    local: dict[str, list[dict[str, str]]] = {}
    refs = _references(data)
    for kind in ("personas", "teams", "channels", "systems"):
        missing = [i for i in refs[kind] if i not in known[kind]]
        if missing:
            local[kind] = [{"id": i, "name": i.replace("-", " ").replace("_", " ").capitalize()} for i in missing]
            notes.append(
                f"defined {kind} {', '.join(missing)} in the journey's own catalog; "
                "give them proper names, or move them to cjm.yaml to share them"
            )
    if local:
        data["catalog"] = local
    evidence_ids = {e["id"] for e in data.get("evidence", [])}
    placeholders = [i for i in refs["evidence"] if i not in evidence_ids]
    if placeholders:
        data.setdefault("evidence", []).extend(
            {"id": i, "kind": "other", "title": "Describe this research source"} for i in placeholders
        )
        notes.append(f"added placeholder evidence {', '.join(placeholders)}; set each one's kind, title and date")
    return notes


def journey_yaml(data: dict[str, Any], header: str) -> str:
    """The journey as YAML in canonical key order, with ``header`` as a leading comment."""
    from ruamel.yaml import YAML

    from cjmkit.model.journey import Journey

    ordered = {k: data[k] for k in Journey.model_fields if k in data}
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    out = io.StringIO()
    yaml.dump(ordered, out)
    from cjmkit.authoring.fmt import format_yaml_text

    lines = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    # Nested items were built in the order their source gave them; fmt puts them in canonical order.
    return format_yaml_text(lines + out.getvalue(), Journey)


_ITEM = re.compile(r"stages\[(\d+)\](?:\.touchpoints\[(\d+)\])?")


def finish(
    result: ImportResult,
    data: dict[str, Any],
    header: str,
    shown: str,
    workspace: Workspace | None,
    column: Callable[[str], str | None] = lambda key_path: None,
) -> ImportResult:
    """Write the journey as YAML and check it as ``cjm validate`` would.

    A value the source carried that the format does not allow (an id with
    spaces, an unknown severity) is reported at the source's own line, since
    the YAML was never written anywhere the user could look; ``column`` names
    the source's column for a key path, where the source has columns.
    """
    result.text = journey_yaml(data, header)
    for d in check_text(result.text, Path(shown), workspace):
        match = _ITEM.match(d.key_path)
        if match is None:
            where: tuple[int, ...] = ()
        elif match[2] is None:
            where = (int(match[1]),)
        else:
            where = (int(match[1]), int(match[2]))
        line = next((result.lines[w] for w in (where, where[:1], ()) if w in result.lines), 1)
        col = column(d.key_path)
        hint = f"fix the value in the column '{col}'" if col else d.hint
        if col and d.hint:
            hint = f"{hint}; {d.hint}"
        result.diagnostics.append(dataclasses.replace(d, path=shown, line=line, column=1, hint=hint))
    return result


def check_text(text: str, target: Path, workspace: Workspace | None) -> list[Diagnostic]:
    """The errors the written file would have (none: safe to write)."""
    from cjmkit.loader import LoadError, parse
    from cjmkit.validation import validate_document
    from cjmkit.workspace import display_path

    try:
        doc = parse(text, display_path(target))
    except LoadError as err:
        return err.diagnostics
    result = validate_document(doc, workspace)
    return [d for d in result.diagnostics if d.severity.value == "error"]
