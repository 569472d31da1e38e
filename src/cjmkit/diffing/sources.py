"""The two sides of a diff: a journey file read from disk or from git, loaded and validated.

Each side goes through the same loader and validation as ``cjm validate``, so an
invalid side is reported with the same diagnostics instead of being compared.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from cjmkit.diagnostics import Diagnostic
from cjmkit.errors import UsageError
from cjmkit.gitrepo import GitRepo
from cjmkit.loader import LoadError, parse_bytes
from cjmkit.model.catalog import Catalog
from cjmkit.model.journey import Journey
from cjmkit.model.settings import Scoring
from cjmkit.validation import validate_document
from cjmkit.validation.workspace_file import workspace_from_bytes
from cjmkit.workspace import WORKSPACE_FILE, Workspace, display_path


@dataclass
class Side:
    """One version of one journey file: the journey when it is valid, the problems when not."""

    display: str
    journey: Journey | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    catalog: Catalog | None = None
    """The effective catalog the side was validated against (the workspace's merged with the journey's)."""
    scoring: Scoring | None = None
    """The scoring model of the side's workspace, to rank its opportunities."""

    @property
    def valid(self) -> bool:
        return self.journey is not None


def load_bytes(raw: bytes, display: str, workspace: Workspace) -> Side:
    """Load and validate a journey from its bytes (a git blob, a file git handed over)."""
    try:
        doc = parse_bytes(raw, display)
    except LoadError as err:
        return Side(display, None, err.diagnostics)
    result = validate_document(doc, workspace)
    scoring = workspace.config.scoring if workspace.config else None
    return Side(display, result.journey if result.valid else None, result.diagnostics, result.catalog, scoring)


#: Above this many bytes in all, the sides are loaded on every core (see :func:`load_sides`).
PARALLEL_LOAD_BYTES = 512 * 1024


@dataclass(frozen=True)
class SideSource:
    """What a side is loaded from: the file's bytes, how to show its name, and its workspace."""

    raw: bytes
    display: str
    workspace: Workspace


def load_sides(sources: Sequence[SideSource]) -> list[Side]:
    """Load and validate each source, in order; large sets are shared between the cores.

    Parsing is most of the time a diff takes, and the sides are independent.
    Below :data:`PARALLEL_LOAD_BYTES` starting a second process would cost more
    than it saves.
    """
    if sum(len(s.raw) for s in sources) < PARALLEL_LOAD_BYTES:
        return [_load_source(s) for s in sources]
    from cjmkit.parallel import map_split

    return map_split(_load_source, sources)


def _load_source(source: SideSource) -> Side:
    return load_bytes(source.raw, source.display, source.workspace)


def read_disk(path: Path, display: str | None = None, workspace: Workspace | None = None) -> SideSource:
    """The bytes of a journey file in the working tree, with the workspace it belongs to."""
    from cjmkit.validation import open_workspace_for

    shown = display or display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise UsageError(f"{shown}: cannot read the file ({err.strerror})") from None
    return SideSource(raw, shown, workspace or open_workspace_for([path]))


def workspace_at(repo: GitRepo, commit: str, label: str, prefix: str, root: Path) -> Workspace:
    """The workspace as it was at ``commit``: its ``cjm.yaml`` read from git (the catalog of that time)."""
    rel = f"{prefix}/{WORKSPACE_FILE}" if prefix else WORKSPACE_FILE
    return workspace_from_bytes(repo.read(commit, rel), root, f"{label}:{rel}")


@dataclass(frozen=True)
class FileSpec:
    """A file named on the command line: on disk, or ``REV:path`` in git."""

    arg: str
    path: Path | None = None
    rev: str | None = None
    git_path: str | None = None


def parse_spec(arg: str) -> FileSpec:
    """Read ``path`` or ``REV:path``; a path that exists on disk wins over the ``REV:path`` reading."""
    path = Path(arg)
    if path.exists():
        if path.is_dir():
            raise UsageError(f"{arg}: is a folder; give a journey file, or revisions to compare a workspace")
        return FileSpec(arg, path=path)
    rev, sep, rest = arg.partition(":")
    if sep and rev and rest:
        return FileSpec(arg, rev=rev, git_path=rest)
    raise UsageError(f"{arg}: no such file (give a journey file, or REV:path for a file in git)")


def read_spec(spec: FileSpec) -> SideSource:
    """Read a side named on the command line, with the workspace it belongs to (at that revision)."""
    if spec.path is not None:
        return read_disk(spec.path, spec.arg)
    assert spec.rev is not None and spec.git_path is not None
    repo = GitRepo(Path.cwd(), hint="to compare two files, give both paths")
    commit = repo.resolve(spec.rev)
    # git reads "REV:./x" relative to the current folder and "REV:x" from the top of the repository.
    if spec.git_path.startswith(("./", "../")):
        rel = repo.relative(Path.cwd() / spec.git_path)
    else:
        rel = spec.git_path
    rel = PurePosixPath(rel).as_posix()
    raw = repo.read(commit, rel)
    if raw is None:
        raise UsageError(f"{spec.arg}: there is no file '{rel}' at revision '{spec.rev}'")
    if repo.is_link(commit, rel):
        raise UsageError(f"{spec.arg}: is a symbolic link at revision '{spec.rev}'; cjm does not follow links")
    # The nearest cjm.yaml above the file, as it was at that revision.
    folders = [p.as_posix() for p in PurePosixPath(rel).parents]
    names = [f"{f}/{WORKSPACE_FILE}" if f != "." else WORKSPACE_FILE for f in folders]
    found = repo.read_many(commit, names)
    workspace = Workspace(root=repo.top)
    for folder, name in zip(folders, names, strict=True):
        if found.get(name) is not None:
            root = repo.top / folder if folder != "." else repo.top
            workspace = workspace_from_bytes(found[name], root, f"{spec.rev}:{name}")
            break
    return SideSource(raw, spec.arg, workspace)
