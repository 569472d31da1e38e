"""``cjm fmt``: canonical key order and layout, with every comment and blank line kept.

The rewrite is checked before anything is written: the new text must load to
exactly the same data as the old one, so formatting can never change a map.
Invalid files are left untouched (a half-valid file has no reliable canonical
order, and the author should see the problem first).
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from cjmkit.diagnostics import Diagnostic
from cjmkit.fileio import Snapshot
from cjmkit.loader import Document, LoadError, parse
from cjmkit.model.journey import Journey
from cjmkit.model.settings import WorkspaceFile
from cjmkit.workspace import WORKSPACE_FILE, Workspace, display_path


@dataclass
class FormatResult:
    """What formatting one file gives: the new text, or why the file was left alone."""

    path: str
    original: str = ""
    formatted: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    snapshot: Snapshot | None = None  # the file as read: it is only replaced if it still holds that

    @property
    def ok(self) -> bool:
        return not self.diagnostics

    @property
    def changed(self) -> bool:
        return self.ok and self.formatted != self.original

    def diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                self.original.splitlines(keepends=True),
                self.formatted.splitlines(keepends=True),
                fromfile=f"{self.path} (as written)",
                tofile=f"{self.path} (formatted)",
            )
        )


def format_yaml_text(text: str, model: type[BaseModel]) -> str:
    """``text`` with keys in canonical order and canonical indentation (no validation here)."""
    from cjmkit.authoring.layout import lay_out

    return lay_out(text, model)


def same_data(a: Any, b: Any) -> bool:
    """Whether two loaded files hold the same data: same types, same values, NaN equal to NaN."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same_data(v, b[k]) for k, v in a.items())
    if isinstance(a, list):
        return len(a) == len(b) and all(same_data(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    return bool(a == b)


def _problems(doc: Document, is_workspace_file: bool, workspace: Workspace | None) -> list[Diagnostic]:
    """Why the file must not be formatted (empty: it is valid)."""
    from cjmkit.validation import validate_document
    from cjmkit.validation.schema import model_diagnostics

    if is_workspace_file:
        return model_diagnostics(WorkspaceFile, doc)[1]
    result = validate_document(doc, workspace)
    return [d for d in result.diagnostics if d.severity.value == "error"]


def format_text(
    text: str, shown: str, *, workspace: Workspace | None = None, workspace_file: bool = False
) -> FormatResult:
    from cjmkit.authoring.layout import LayoutError, is_tidy

    result = FormatResult(path=shown, original=text, formatted=text)
    try:
        doc = parse(text, shown)
    except LoadError as err:
        result.diagnostics = [*err.diagnostics, _left_alone(shown)]
        return result
    problems = _problems(doc, workspace_file, workspace)
    if problems:
        result.diagnostics = [*problems, _left_alone(shown)]
        return result
    model: type[BaseModel] = WorkspaceFile if workspace_file else Journey
    if is_tidy(doc, model):
        return result  # the common case, decided without reading the file again
    doc.marks.clear()  # only the data is compared from here on: a large file's positions cost memory
    try:
        formatted = format_yaml_text(text, model)
    except LayoutError as exc:
        result.diagnostics = [_left_alone(shown, f"cjm cannot lay this file out safely: {exc}")]
        return result
    except Exception as exc:  # an unforeseen construct: never risk the file, never show a traceback
        result.diagnostics = [_left_alone(shown, f"cjm cannot lay this file out safely ({exc.__class__.__name__})")]
        return result
    if formatted == text:
        return result
    try:
        again = parse(formatted, shown).data
    except LoadError:
        again = None
    if again is None or not same_data(again, doc.data):
        result.diagnostics = [_left_alone(shown, "formatting would have changed the data, so nothing was written")]
        return result
    result.formatted = formatted
    return result


def _left_alone(shown: str, why: str | None = None) -> Diagnostic:
    return Diagnostic(
        code="F001",
        message=why or "the file has problems, so it was not formatted",
        path=shown,
        hint="fix the problems above (see 'cjm validate'), then run 'cjm fmt' again" if why is None else None,
    )


def format_file(path: Path, workspace: Workspace | None = None) -> FormatResult:
    from cjmkit.authoring.yaml_edit import read_for_edit

    shown = display_path(path)
    try:
        text, snapshot = read_for_edit(path, shown)
    except LoadError as err:
        return FormatResult(path=shown, diagnostics=err.diagnostics)
    # The reader keeps the byte-order mark: it is the file's, and fmt writes it back.
    result = format_text(text, shown, workspace=workspace, workspace_file=path.name == WORKSPACE_FILE)
    result.snapshot = snapshot
    return result


def iter_format(files: Sequence[Path], workspace: Workspace, jobs: int | None = None) -> Iterator[FormatResult]:
    """``format_file`` for each file, in order, on every core when there are many."""
    from cjmkit.parallel import MIN_FILES_FOR_POOL, map_files

    if len(files) < MIN_FILES_FOR_POOL or jobs == 1:
        for path in files:
            yield format_file(path, workspace)
        return
    root = str(workspace.root) if workspace.config_path is not None else None
    yield from map_files(_format_task, [(str(path), root) for path in files], jobs)


def _format_task(item: tuple[str, str | None]) -> FormatResult:
    from cjmkit.validation import workspace_for

    path, root = item
    return format_file(Path(path), workspace_for(root))


def write_formatted(result: FormatResult, path: Path) -> None:
    """Replace the file by its formatted text, through a symbolic link, unless it changed since it was read."""
    from cjmkit.fileio import replace_checked, write_atomic

    if not result.changed:
        return
    if result.snapshot is not None:
        replace_checked(path, result.formatted, result.snapshot)
    else:
        write_atomic(path, result.formatted)
