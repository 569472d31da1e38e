"""Reading and checking ``cjm.yaml``: the workspace's settings and shared catalog."""

from __future__ import annotations

from pathlib import Path

from cjmkit.loader import Document, LoadError, load_file, parse_bytes
from cjmkit.model.settings import WorkspaceFile
from cjmkit.validation.references import check_catalog_ids
from cjmkit.validation.schema import model_diagnostics
from cjmkit.workspace import WORKSPACE_FILE, Workspace, display_path, find_workspace_root


def load_workspace(root: Path | None) -> Workspace:
    """Parse ``root/cjm.yaml``; problems go into ``Workspace.diagnostics``. No root: a bare folder."""
    if root is None:
        return Workspace(root=Path.cwd())
    path = root / WORKSPACE_FILE
    try:
        doc = load_file(path, display_path(path))
    except LoadError as err:
        return Workspace(root=root, diagnostics=err.diagnostics, config_path=path)
    return workspace_from_document(doc, root)


def workspace_from_document(doc: Document, root: Path) -> Workspace:
    """A workspace from its parsed ``cjm.yaml`` (read from disk, or from git by ``cjm diff``)."""
    config, diags = model_diagnostics(WorkspaceFile, doc)
    if config is not None:
        diags += check_catalog_ids(config.catalog, doc, ("catalog",))
        if config.scoring is not None:
            from cjmkit.validation.scores import check_scoring

            diags += check_scoring(config.scoring, doc)
    return Workspace(
        root=root, config=config if not diags else None, diagnostics=diags, config_path=root / WORKSPACE_FILE
    )


def open_workspace(start: str | Path | None = None) -> Workspace:
    """The workspace around ``start`` (default: the current folder)."""
    return load_workspace(find_workspace_root(start))


def workspace_from_bytes(raw: bytes | None, root: Path, display: str) -> Workspace:
    """A :class:`Workspace` from the bytes of a ``cjm.yaml`` read from git (``None``: there is none)."""
    if raw is None:
        return Workspace(root=root)
    try:
        doc = parse_bytes(raw, display)
    except LoadError as err:
        return Workspace(root=root, diagnostics=err.diagnostics, config_path=root / WORKSPACE_FILE)
    return workspace_from_document(doc, root)
