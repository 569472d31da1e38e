"""``cjm diff REV [REV2]``: every journey of the workspace, between two revisions.

Only the files git reports as changed are read and validated, so comparing a
large workspace costs what validating the changed files costs.
"""

from __future__ import annotations

from pathlib import Path

from cjmkit.diffing.changes import Change, DiffReport
from cjmkit.diffing.compare import diff_catalog
from cjmkit.diffing.pairs import Pair, build_report, match_moved_journeys
from cjmkit.diffing.sources import SideSource, load_sides, workspace_at
from cjmkit.gitrepo import GitRepo
from cjmkit.validation.workspace_file import open_workspace
from cjmkit.workspace import WORKSPACE_FILE, Workspace

WORKING_TREE = "working tree"


def diff_revisions(old_rev: str, new_rev: str | None = None, start: Path | None = None) -> DiffReport:
    """Compare the workspace's journeys at ``old_rev`` with ``new_rev`` (``None``: the working tree).

    Raises :class:`cjmkit.gitrepo.GitError` (a usage error) when git is
    missing, ``start`` is not in a repository, or a revision does not exist.
    """
    here = start or Path.cwd()
    current = open_workspace(here)
    root = current.root if current.config_path is not None else here
    repo = GitRepo(root, hint="to compare two files, give both paths")
    prefix = repo.relative(root)
    old_commit = repo.resolve(old_rev)
    new_commit = repo.resolve(new_rev) if new_rev is not None else None
    new_label = new_rev if new_rev is not None else WORKING_TREE

    old_ws = workspace_at(repo, old_commit, old_rev, prefix, root)
    new_ws = current if new_commit is None else workspace_at(repo, new_commit, new_label, prefix, root)

    def below_root(path: str) -> str:
        return path[len(prefix) + 1 :] if prefix else path

    ws_rel = f"{prefix}/{WORKSPACE_FILE}" if prefix else WORKSPACE_FILE
    workspace_changed = False
    wanted: list[tuple[str | None, str | None, bool]] = []
    for ch in repo.changed_paths(old_commit, new_commit, prefix):
        if ws_rel in (ch.old_path, ch.new_path):
            workspace_changed = True
        # A link is never followed (it may point out of the repository), as validate skips links.
        old_p = ch.old_path if ch.old_path and not ch.old_link and old_ws.selects(below_root(ch.old_path)) else None
        new_p = ch.new_path if ch.new_path and not ch.new_link and new_ws.selects(below_root(ch.new_path)) else None
        if old_p or new_p:
            wanted.append((old_p, new_p, ch.status == "R" and old_p is not None and new_p is not None))

    old_blobs = repo.read_many(old_commit, [o for o, _, _ in wanted if o])
    if new_commit is not None:
        new_blobs = repo.read_many(new_commit, [n for _, n, _ in wanted if n])
    else:
        new_blobs = {n: _read_disk(repo.top, n) for _, n, _ in wanted if n}

    def source(blobs: dict[str, bytes | None], path: str | None, label: str, ws: Workspace) -> SideSource | None:
        raw = blobs.get(path) if path else None
        if path is None or raw is None:
            return None
        display = path if label == WORKING_TREE else f"{label}:{path}"
        return SideSource(raw, display, ws)

    planned = [
        (source(old_blobs, o, old_rev, old_ws), source(new_blobs, n, new_label, new_ws), renamed)
        for o, n, renamed in wanted
    ]
    # Every side that exists is loaded in one go, so that large sets share the cores.
    loaded = iter(load_sides([s for old, new, _ in planned for s in (old, new) if s is not None]))
    pairs = [
        Pair(next(loaded) if old is not None else None, next(loaded) if new is not None else None, renamed)
        for old, new, renamed in planned
    ]
    pairs = match_moved_journeys([p for p in pairs if p.old is not None or p.new is not None])

    ws_changes: list[Change] = []
    if workspace_changed and old_ws.config is not None and new_ws.config is not None:
        ws_changes = diff_catalog(old_ws.config.catalog, new_ws.config.catalog)
    return build_report(pairs, old_rev, new_label, ws_changes, ws_rel if workspace_changed else None)


def _read_disk(top: Path, rel: str) -> bytes | None:
    """A working-tree file's bytes; ``None`` for a link, or a file reached through one out of the repository."""
    import os

    from cjmkit.loader.yaml import MAX_FILE_BYTES

    path = top / rel
    try:
        if path.is_symlink() or top.resolve() not in path.resolve().parents:
            return None
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            return handle.read(MAX_FILE_BYTES + 1)  # enough for the loader to refuse a larger file
    except (OSError, RuntimeError):  # RuntimeError: a loop of links
        return None
