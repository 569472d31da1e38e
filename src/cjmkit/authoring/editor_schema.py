"""The ``# yaml-language-server: $schema=...`` line that gives editors completion and checks.

``cjm init`` writes the schemas of the installed cjm into the workspace's
``schemas/`` folder, so the line can point at a file next to the maps: it works
offline and always matches the version of cjm that checks the maps. A journey
written where no such file exists points at the published schema instead.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The folder of a workspace that holds the schemas, as in this repository.
SCHEMA_DIR = "schemas"
JOURNEY_SCHEMA = "journey.schema.json"
WORKSPACE_SCHEMA = "workspace.schema.json"
#: The schema of the latest cjmkit, for a journey whose workspace has no copy of its own.
PUBLISHED_SCHEMA = f"https://raw.githubusercontent.com/cjmkit/cjmkit/main/{SCHEMA_DIR}/{JOURNEY_SCHEMA}"
_MODELINE = "# yaml-language-server: $schema="


def schema_line(target: Path, workspace_root: Path | None) -> str:
    """The line for a journey written at ``target``: the workspace's schema, relative to it, if there is one."""
    if workspace_root is not None:
        schema = workspace_root / SCHEMA_DIR / JOURNEY_SCHEMA
        if schema.is_file():
            try:
                rel = os.path.relpath(schema.resolve(), target.parent.resolve())
            except ValueError:  # another drive (Windows): no relative path exists
                rel = ""
            if rel:
                return f"{_MODELINE}{Path(rel).as_posix()}\n"
    return f"{_MODELINE}{PUBLISHED_SCHEMA}\n"


def with_schema_line(text: str, line: str) -> str:
    """``text`` starting with ``line``, in place of a schema line it already starts with."""
    first, newline, rest = text.partition("\n")
    if first.startswith(_MODELINE):
        text = rest if newline else ""
    return line + text


def write_schemas(folder: Path) -> list[Path]:
    """Write the journey and workspace schemas into ``folder/schemas``; a file already there is kept."""
    from cjmkit import json_schema
    from cjmkit.fileio import write_new

    written = []
    for name, schema in (
        (JOURNEY_SCHEMA, json_schema.journey_schema),
        (WORKSPACE_SCHEMA, json_schema.workspace_schema),
    ):
        path = folder / SCHEMA_DIR / name
        if not path.exists():
            write_new(path, json_schema.dumps(schema()))
            written.append(path)
    return written
