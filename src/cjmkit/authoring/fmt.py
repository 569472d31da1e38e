"""``cjm fmt``: canonical key order and layout, with every comment and blank line kept.

The rewrite is checked before anything is written: the new text must load to
exactly the same data as the old one, so formatting can never change a map.
Invalid files are left untouched (a half-valid file has no reliable canonical
order, and the author should see the problem first).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from cjmkit.diagnostics import Diagnostic
from cjmkit.fileio import Snapshot
from cjmkit.loader import LoadError, parse
from cjmkit.model.journey import Journey
from cjmkit.model.workspace import WorkspaceFile
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
    from cjmkit.authoring.keyorder import reorder_value
    from cjmkit.authoring.roundtrip import dump_rt, load_rt

    data = load_rt(text)
    reorder_value(data, model)
    out = dump_rt(data)
    if text.endswith("\n") and not out.endswith("\n"):
        out += "\n"
    return out


def _problems(text: str, shown: str, is_workspace_file: bool, workspace: Workspace | None) -> list[Diagnostic]:
    """Why the file must not be formatted (empty: it is valid)."""
    from cjmkit.validation import validate_document
    from cjmkit.validation.schema import model_diagnostics

    try:
        doc = parse(text, shown)
    except LoadError as err:
        return err.diagnostics
    if is_workspace_file:
        return model_diagnostics(WorkspaceFile, doc)[1]
    result = validate_document(doc, workspace)
    return [d for d in result.diagnostics if d.severity.value == "error"]


def format_text(
    text: str, shown: str, *, workspace: Workspace | None = None, workspace_file: bool = False
) -> FormatResult:
    result = FormatResult(path=shown, original=text, formatted=text)
    problems = _problems(text, shown, workspace_file, workspace)
    if problems:
        result.diagnostics = [*problems, _left_alone(shown)]
        return result
    model: type[BaseModel] = WorkspaceFile if workspace_file else Journey
    try:
        formatted = format_yaml_text(text, model)
    except Exception as exc:  # a YAML construct ruamel cannot round-trip; never risk the file
        result.diagnostics = [_left_alone(shown, f"cjm cannot lay this file out safely ({exc.__class__.__name__})")]
        return result
    if parse(formatted, shown).data != parse(text, shown).data:
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
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    result = format_text(text[len(bom) :], shown, workspace=workspace, workspace_file=path.name == WORKSPACE_FILE)
    if bom:  # the byte-order mark is the file's, not the YAML's: it stays
        result.original, result.formatted = bom + result.original, bom + result.formatted
    result.snapshot = snapshot
    return result


def write_formatted(result: FormatResult, path: Path) -> None:
    """Replace the file by its formatted text, through a symbolic link, unless it changed since it was read."""
    from cjmkit.fileio import replace_checked, write_atomic

    if not result.changed:
        return
    if result.snapshot is not None:
        replace_checked(path, result.formatted, result.snapshot)
    else:
        write_atomic(path, result.formatted)
