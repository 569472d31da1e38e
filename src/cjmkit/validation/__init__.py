"""``cjm validate``: is each journey file well-formed and does every reference resolve?

Every command starts here: :func:`select` finds the workspace and the journey
files a command works on (and owns the usage errors of doing so); :func:`check`
validates them into :class:`CheckedJourney` objects (document with positions,
journey model, effective catalog, diagnostics), with a ``focus`` on another
journey resolved once every file is known.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cjmkit.diagnostics import Diagnostic
from cjmkit.errors import UsageError
from cjmkit.loader import Document, LoadError, load_file
from cjmkit.model.catalog import Catalog
from cjmkit.model.journey import Journey
from cjmkit.validation.references import check_journey
from cjmkit.validation.schema import model_diagnostics
from cjmkit.validation.workspace_file import load_workspace
from cjmkit.workspace import (
    WORKSPACE_FILE,
    Workspace,
    display_path,
    find_workspace_root,
    is_journey_file,
    journeys_below,
)

NO_WORKSPACE = (
    f"not in a cjm workspace (no {WORKSPACE_FILE} here or in any folder above); "
    "pass the files or folders to check, or run `cjm init`"
)


@dataclass
class FocusRef:
    """A tactical map's ``focus`` on another journey, resolved once all files are known."""

    journey: str
    touchpoint: str | None
    journey_pos: tuple[int, int]
    touchpoint_pos: tuple[int, int]


@dataclass
class CheckedJourney:
    """What checking one file found: its problems and, when it parsed, the journey as cjm reads it.

    ``catalog`` is the effective catalog: the workspace's merged with the journey's
    own, the one its references were checked against and the one to draw names from.
    """

    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    journey: Journey | None = None
    document: Document | None = None
    catalog: Catalog | None = None
    journey_id: str | None = None
    touchpoint_ids: frozenset[str] = frozenset()
    focus: FocusRef | None = None

    @property
    def valid(self) -> bool:
        return not any(d.severity.value == "error" for d in self.diagnostics)


#: The earlier name of :class:`CheckedJourney`.
FileResult = CheckedJourney

NO_JOURNEYS = "no journey files found (journey files are named *.cjm.yaml or *.cjm.yml)"


def validate_document(doc: Document, workspace: Workspace | None = None) -> CheckedJourney:
    """Validate parsed YAML as a journey; a ``focus`` on another journey is left in ``CheckedJourney.focus``."""
    result = CheckedJourney(path=doc.path, document=doc)
    journey, diags = model_diagnostics(Journey, doc)
    if journey is None:
        result.diagnostics = diags
        return result
    base = workspace.catalog if workspace else Catalog()
    merged = base.merged_with(journey.catalog)
    # When cjm.yaml itself is broken its catalog is unknown: checking references
    # against it would bury its one real problem under an error per reference.
    catalog_known = workspace is None or not workspace.diagnostics
    found = check_journey(journey, doc, merged, catalog_known=catalog_known)
    scoring = workspace.config.scoring if workspace and workspace.config else None
    if scoring is not None and any(o.scores for o in journey.opportunities):
        from cjmkit.validation.scores import check_scores

        found += check_scores(journey, doc, scoring)
    result.diagnostics = sorted(found, key=Diagnostic.sort_key)
    if journey.focus is not None and journey.focus.journey != journey.id:
        result.focus = FocusRef(
            journey=journey.focus.journey,
            touchpoint=journey.focus.touchpoint,
            journey_pos=doc.locate(("focus", "journey")),
            touchpoint_pos=doc.locate(("focus", "touchpoint")),
        )
    result.journey = journey
    result.catalog = merged
    result.journey_id = journey.id
    result.touchpoint_ids = frozenset(tp.id for _, _, _, tp in journey.iter_touchpoints())
    return result


def validate_file(path: str | Path, workspace: Workspace | None = None, display: str | None = None) -> CheckedJourney:
    """Load and validate one journey file (cross-journey ``focus`` unresolved)."""
    shown = display if display is not None else display_path(path)
    try:
        doc = load_file(path, shown)
    except LoadError as err:
        return CheckedJourney(path=shown, diagnostics=err.diagnostics)
    return validate_document(doc, workspace)


def collect_files(paths: Sequence[str | Path], workspace: Workspace) -> list[Path]:
    """The journey files named by ``paths`` (files, or folders searched below).

    With no paths, or when a path is the workspace's ``cjm.yaml``: the workspace's
    journeys. Raises :class:`UsageError` for a path that does not exist, and for no
    paths outside a workspace (searching every folder below a shared one would read
    other programs' files).
    """
    if not paths:
        if workspace.config is None and workspace.config_path is None:
            raise UsageError(NO_WORKSPACE)
        return workspace.journey_files()
    files: list[Path] = []
    own = workspace.config_path.resolve() if workspace.config_path is not None else None
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            files.extend(journeys_below(p))
        elif own is not None and p.is_file() and p.resolve() == own:
            # Naming cjm.yaml names the workspace: a change to its catalog or settings can
            # break any journey, so every journey is checked (it is, with its problems, too).
            files.extend(workspace.journey_files())
        elif p.is_file():
            files.append(p)
        elif p.exists():
            raise UsageError(f"{raw}: not a regular file or folder")
        else:
            raise UsageError(f"{raw}: no such file or folder")
    seen: set[Path] = set()
    unique = []
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique


def _focus_diagnostics(result: CheckedJourney, index: dict[str, frozenset[str]]) -> list[Diagnostic]:
    from cjmkit.suggest import did_you_mean

    ref = result.focus
    if ref is None:
        return []
    if ref.journey not in index:
        return [
            Diagnostic(
                code="E141",
                message=f"unknown journey '{ref.journey}' in focus",
                path=result.path,
                line=ref.journey_pos[0],
                column=ref.journey_pos[1],
                key_path="focus.journey",
                expected="the id of a journey in this workspace",
                found=f"'{ref.journey}'",
                hint=did_you_mean(ref.journey, index),
                item_id=ref.journey,
            )
        ]
    tps = index[ref.journey]
    if ref.touchpoint is not None and ref.touchpoint not in tps:
        return [
            Diagnostic(
                code="E141",
                message=f"journey '{ref.journey}' has no touchpoint '{ref.touchpoint}'",
                path=result.path,
                line=ref.touchpoint_pos[0],
                column=ref.touchpoint_pos[1],
                key_path="focus.touchpoint",
                expected=f"the id of a touchpoint of journey '{ref.journey}'",
                found=f"'{ref.touchpoint}'",
                hint=did_you_mean(ref.touchpoint, tps),
                item_id=ref.touchpoint,
            )
        ]
    return []


def _index_workspace(workspace: Workspace, skip: set[Path], wanted: set[str]) -> dict[str, frozenset[str]]:
    """Journey id -> touchpoint ids for the ``wanted`` journeys of the workspace.

    Only files whose top-level ``id:`` line names a wanted journey are parsed, so
    checking one tactical map does not parse the whole workspace.
    """
    import re

    from cjmkit.loader import parse_bytes

    pattern = re.compile(
        rb"^id:[ \t]*[\"']?(" + b"|".join(re.escape(w.encode()) for w in sorted(wanted)) + rb")[\"']?[ \t]*(#.*)?$",
        re.MULTILINE,
    )
    index: dict[str, frozenset[str]] = {}
    for path in workspace.journey_files():
        if path.resolve() in skip:
            continue
        try:
            raw = path.read_bytes()
        except OSError:
            continue
        if not pattern.search(raw):
            continue
        try:
            data = parse_bytes(raw, str(path)).data
        except LoadError:
            continue
        jid = data.get("id")
        if not isinstance(jid, str):
            continue
        # The file is not the one being checked and may be broken in any way: take what is well-formed.
        tps = set()
        stages = data.get("stages")
        for stage in stages if isinstance(stages, list) else []:
            touchpoints = stage.get("touchpoints") if isinstance(stage, dict) else None
            for tp in touchpoints if isinstance(touchpoints, list) else []:
                if isinstance(tp, dict) and isinstance(tp.get("id"), str):
                    tps.add(tp["id"])
        index.setdefault(jid, frozenset(tps))
    return index


def resolve_focus(results: Iterable[CheckedJourney], workspace: Workspace, checked: set[Path]) -> None:
    """Check each result's cross-journey ``focus`` against the checked files and the workspace."""
    results = list(results)
    pending = [r for r in results if r.focus is not None]
    if not pending:
        return
    index = {r.journey_id: r.touchpoint_ids for r in results if r.journey_id}
    missing = {r.focus.journey for r in pending if r.focus and r.focus.journey not in index}
    if missing:
        for jid, tps in _index_workspace(workspace, checked, missing).items():
            index.setdefault(jid, tps)
    for r in pending:
        r.diagnostics += _focus_diagnostics(r, index)
        r.diagnostics.sort(key=Diagnostic.sort_key)


# -- the worker used by validate and lint over many files ---------------------

_WORKSPACES: dict[str, Workspace] = {}


def workspace_for(root: str | None) -> Workspace:
    """A worker's cached workspace (each process parses ``cjm.yaml`` once)."""
    key = root or ""
    if key not in _WORKSPACES:
        _WORKSPACES[key] = load_workspace(Path(root)) if root else Workspace(root=Path.cwd())
    return _WORKSPACES[key]


def _validate_task(item: tuple[str, str, str | None]) -> CheckedJourney:
    path, display, root = item
    result = validate_file(path, workspace_for(root), display)
    # Only what the parent needs crosses the process boundary.
    result.journey = None
    result.document = None
    result.catalog = None
    return result


@dataclass
class Selection:
    """The workspace a command works in and the journey files it works on."""

    workspace: Workspace
    files: list[Path]


def open_workspace_for(paths: Sequence[str | Path]) -> Workspace:
    """The workspace of the first path given (or of the current folder)."""
    start = Path(paths[0]) if paths else Path.cwd()
    if not start.exists():
        start = Path.cwd()
    return load_workspace(find_workspace_root(start))


def select(paths: Sequence[str | Path] | None = None, *, workspace: Workspace | None = None) -> Selection:
    """The workspace of ``paths`` and the journey files they name (none: the workspace's journeys).

    Raises :class:`UsageError` for a path that does not exist and when there is no
    journey file at all -- unless ``cjm.yaml`` itself is broken, which is then the
    problem to report (it is in ``workspace.diagnostics``).
    """
    paths = list(paths or [])
    ws = workspace or open_workspace_for(paths)
    files = collect_files(paths, ws)
    if not files and not ws.diagnostics:
        raise UsageError(NO_JOURNEYS)
    return Selection(ws, files)


@dataclass
class Report:
    """The outcome of checking a set of files: one checked journey per file, in the order given."""

    results: list[CheckedJourney]
    workspace_diagnostics: list[Diagnostic] = field(default_factory=list)
    workspace: Workspace | None = None

    @property
    def diagnostics(self) -> list[Diagnostic]:
        out = list(self.workspace_diagnostics)
        for r in self.results:
            out.extend(r.diagnostics)
        return out

    @property
    def ok(self) -> bool:
        return not any(d.severity.value == "error" for d in self.diagnostics)

    @property
    def valid_journeys(self) -> list[CheckedJourney]:
        """The checked journeys without errors (each with its model, document and effective catalog)."""
        return [r for r in self.results if r.journey is not None and r.valid]


def check(
    paths: Sequence[str | Path] | None = None,
    *,
    workspace: Workspace | None = None,
    jobs: int | None = None,
    keep_models: bool = True,
) -> Report:
    """Select and validate journey files, with a ``focus`` on another journey resolved once.

    With ``keep_models`` each checked journey keeps its document, model and
    effective catalog (what lint, render and stats need), and files are checked in
    this process; without, many files are checked on every core and only the
    diagnostics come back. Raises :class:`UsageError` as :func:`select` does.
    """
    selection = select(paths, workspace=workspace)
    ws, files = selection.workspace, selection.files
    if keep_models:
        results = [validate_file(f, ws, display_path(f)) for f in files]
    else:
        results = list(iter_validate(files, ws, jobs=jobs))
    resolve_focus(results, ws, {f.resolve() for f in files})
    return Report(results=results, workspace_diagnostics=list(ws.diagnostics), workspace=ws)


def validate(
    paths: Sequence[str | Path] | None = None,
    *,
    workspace: Workspace | None = None,
    jobs: int | None = None,
) -> Report:
    """Validate journey files (default: the workspace's journeys), on every core for many files.

    Raises :class:`UsageError` when a path does not exist or there is no journey file.
    """
    return check(paths, workspace=workspace, jobs=jobs, keep_models=False)


def iter_validate(files: Sequence[Path], workspace: Workspace, jobs: int | None = None) -> Iterator[CheckedJourney]:
    from cjmkit.parallel import MIN_FILES_FOR_POOL, map_files

    if len(files) < MIN_FILES_FOR_POOL or jobs == 1:
        for f in files:
            yield validate_file(f, workspace, display_path(f))
        return
    root = str(workspace.root) if workspace.config_path is not None else None
    items = [(str(f), display_path(f), root) for f in files]
    yield from map_files(_validate_task, items, jobs)


__all__ = [
    "NO_JOURNEYS",
    "CheckedJourney",
    "FileResult",
    "Report",
    "Selection",
    "UsageError",
    "check",
    "collect_files",
    "is_journey_file",
    "select",
    "validate",
    "validate_document",
    "validate_file",
]
