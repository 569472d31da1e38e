"""The workspace: finding ``cjm.yaml`` and discovering journey files.

Reading and checking ``cjm.yaml`` itself is validation's job (:mod:`cjmkit.validation.workspace_file`).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from cjmkit.diagnostics import Diagnostic
from cjmkit.model.catalog import Catalog
from cjmkit.model.settings import WorkspaceFile

WORKSPACE_FILE = "cjm.yaml"
JOURNEY_SUFFIXES = (".cjm.yaml", ".cjm.yml")
#: Folders never searched for journeys.
SKIP_DIRS = frozenset({"node_modules", "__pycache__", "venv", "site-packages"})


def is_journey_file(path: str | Path) -> bool:
    return str(path).endswith(JOURNEY_SUFFIXES)


def find_workspace_root(start: str | Path | None = None) -> Path | None:
    """The nearest folder at or above ``start`` that holds a ``cjm.yaml``."""
    here = Path(start or Path.cwd()).resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        if (folder / WORKSPACE_FILE).is_file():
            return folder
    return None


def _glob_regex(pattern: str) -> re.Pattern[str]:
    """Translate a ``**``-aware glob into a regular expression on '/'-paths."""
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.compile("".join(out) + r"\Z")


def walk_files(root: Path) -> list[Path]:
    """Every file below ``root``, skipping hidden folders and tool folders.

    Symbolic links to folders are not followed, so discovery never leaves
    the tree (and never loops); a symbolic link to a file is kept only when
    the file it points to is inside ``root`` too.
    """
    found: list[Path] = []
    inside = root.resolve()
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in SKIP_DIRS)
        base = Path(folder)
        for name in sorted(files):
            path = base / name
            # realpath, not resolve(): resolve() raises on a symlink loop; a loop is left to the reader to report.
            if path.is_symlink() and not Path(os.path.realpath(path)).is_relative_to(inside):
                continue
            found.append(path)
    return found


def journeys_below(folder: Path) -> list[Path]:
    """Every ``*.cjm.yaml`` / ``*.cjm.yml`` below ``folder``, in a stable order."""
    return [p for p in walk_files(folder) if is_journey_file(p.name)]


@dataclass
class Workspace:
    """A workspace root with its parsed ``cjm.yaml`` (or none: a bare folder)."""

    root: Path
    config: WorkspaceFile | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    config_path: Path | None = None

    @property
    def catalog(self) -> Catalog:
        return self.config.catalog if self.config else Catalog()

    @cached_property
    def _patterns(self) -> list[re.Pattern[str]]:
        globs = self.config.journeys if self.config else ["**/*.cjm.yaml", "**/*.cjm.yml"]
        return [_glob_regex(g.lstrip("./")) for g in globs]

    def selects(self, rel: str) -> bool:
        """Whether a '/'-path relative to the root names one of the workspace's journeys.

        Hidden and tool folders never hold journeys, as in :func:`walk_files`.
        """
        parts = rel.split("/")
        if any(part.startswith(".") or part in SKIP_DIRS for part in parts[:-1]):
            return False
        return any(p.match(rel) for p in self._patterns)

    def journey_files(self) -> list[Path]:
        """The journey files the workspace's ``journeys:`` globs select."""
        out = []
        for path in walk_files(self.root):
            if self.selects(path.relative_to(self.root).as_posix()) and not path.is_symlink():
                out.append(path)
        return out


def display_path(path: Path | str) -> str:
    p = Path(path)
    try:
        return p.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(p)
