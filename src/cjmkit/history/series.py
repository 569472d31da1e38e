"""``cjm history``: every journey's facts at every commit that changed it, and each KPI's values through time.

One ``git log`` names the commits and the blob of every changed journey file;
each version's facts come from the cache or are computed once (on every core
when there are many) from one ``git cat-file --batch`` read. Journeys are
followed by id, so a renamed or moved file keeps its series; an invalid version
is a gap that names the commit and its first error, never a zero.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from cjmkit.gitrepo import GitError, GitRepo
from cjmkit.history.gitlog import Commit, Log, lineage, read_blobs, read_log
from cjmkit.history.versions import FactsCache, Version, VersionFacts, version_facts
from cjmkit.workspace import WORKSPACE_FILE, Workspace

#: From this many versions to compute, the work is shared between the cores (one
#: forked child per extra core costs a few milliseconds; one version costs about 20).
PARALLEL_VERSIONS = 8


@dataclass
class Point:
    """A journey at one commit: its facts, or (``facts.error``) why it could not be read; or removed."""

    commit: str
    date: dt.datetime
    path: str
    facts: VersionFacts | None
    """``None``: the file was removed at this commit."""
    renamed_from: str | None = None
    baseline: bool = False
    """The journey as it was just before the range (``--since``): a starting point, not a change."""


@dataclass
class KpiPoint:
    date: dt.date
    """The map's ``measured`` date when it has one, else the commit date."""
    value: float
    target: float | None
    commit: str


@dataclass
class KpiSeries:
    id: str
    name: str
    unit: str | None
    direction: str
    points: list[KpiPoint] = field(default_factory=list)


@dataclass
class JourneyHistory:
    id: str
    title: str
    points: list[Point] = field(default_factory=list)
    kpis: dict[str, KpiSeries] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return self.points[-1].path if self.points else ""


@dataclass
class History:
    commits: list[Commit]
    journeys: list[JourneyHistory]
    shallow: bool = False
    top: Path | None = None
    """The top folder of the repository (journey paths are relative to it)."""
    computed: int = 0
    """How many versions were computed (not found in the cache)."""


def journey_history(
    paths: list[Path] | None = None,
    *,
    since: str | None = None,
    until: str | None = None,
    journey: str | None = None,
    start: Path | None = None,
    cache: FactsCache | None = None,
    jobs: int | None = None,
) -> History:
    """The history of the workspace's journeys (or of the files and folders in ``paths``).

    Versions not in the cache are computed on ``jobs`` processes (0 or None: one per core;
    1: here only); the result is the same whatever ``jobs`` is.

    Raises :class:`GitError` (a usage error) outside a git repository or for an unknown revision.
    """
    from cjmkit.errors import UsageError
    from cjmkit.validation.workspace_file import open_workspace

    for path in paths or []:
        if not path.exists():
            raise UsageError(f"{path}: no such file or folder")
    here = start or Path.cwd()
    first = paths[0] if paths else here
    current = open_workspace(first if first.is_dir() else first.parent)
    if paths and current.config_path is not None:
        # Naming cjm.yaml names the workspace, as it does for validate and lint.
        own = current.config_path.resolve()
        paths = [p for p in paths if p.resolve() != own] or None
    root = current.root if current.config_path is not None else (first if first.is_dir() else first.parent)
    repo = GitRepo(root, hint="cjm history reads the commits of the git repository that holds the maps")
    prefix = repo.relative(root)
    ws_path = f"{prefix}/{WORKSPACE_FILE}" if prefix else WORKSPACE_FILE
    wanted = [repo.relative(p) for p in paths] if paths else [prefix]
    if paths and len(paths) == 1 and paths[0].is_file() and _head_exists(repo):
        # One file: its earlier names too, so its series goes back across renames.
        wanted = lineage(repo, wanted[0])
    specs = sorted({w or "." for w in wanted} | {ws_path})
    log = read_log(repo, specs, since, until)

    def below_root(path: str) -> str:
        return path[len(prefix) + 1 :] if prefix else path

    def selected(path: str) -> bool:
        inside = any(w in ("", ".") or path == w or path.startswith(w + "/") for w in wanted)
        return inside and current.selects(below_root(path))

    found = _walk(repo, log, selected, ws_path, root, journey, cache or FactsCache(), jobs)
    found.top = repo.top
    return found


def _head_exists(repo: GitRepo) -> bool:
    try:
        repo.resolve("HEAD")
    except GitError:
        return False
    return True


def _walk(
    repo: GitRepo,
    log: Log,
    selected: Callable[[str], bool],
    ws_path: str,
    root: Path,
    only: str | None,
    cache: FactsCache,
    jobs: int | None = None,
) -> History:
    # First pass: which version every changed path has at every commit.
    live: dict[str, str] = {p: b for p, b in log.base.items() if selected(p)}
    ws_blob = log.base.get(ws_path)
    planned: list[tuple[Commit, list[tuple[str, Version | None, str | None]]]] = []
    if log.base_commit is not None and live:
        start_day = log.base_commit.date.date()
        planned.append((log.base_commit, [(p, Version(b, ws_blob, start_day), None) for p, b in live.items()]))
    for commit in log.commits:
        day = commit.date.date()
        steps: list[tuple[str, Version | None, str | None]] = []
        ws_changed = False
        for ch in commit.changes:
            if ch.path == ws_path:
                ws_blob = ch.blob
                ws_changed = True
                continue
            if ch.old_path is not None and ch.old_path in live:
                del live[ch.old_path]
                if not selected(ch.path) or ch.link:
                    steps.append((ch.old_path, None, None))
            if not selected(ch.path):
                continue
            if ch.blob is None or ch.link:
                if live.pop(ch.path, None) is not None:
                    steps.append((ch.path, None, None))
                continue
            live[ch.path] = ch.blob
            steps.append((ch.path, Version(ch.blob, ws_blob, day), ch.old_path))
        if ws_changed:
            # A new catalog or lint configuration: every journey is read again against it.
            done = {p for p, _, _ in steps}
            steps += [(p, Version(b, ws_blob, day), None) for p, b in live.items() if p not in done]
            steps = [(p, Version(v.blob, ws_blob, day) if v else None, o) for p, v, o in steps]
        if steps:
            planned.append((commit, steps))
    facts, computed = _facts_of(repo, planned, ws_path, root, cache, jobs)
    base_id = log.base_commit.id if log.base_commit is not None else None
    journeys = _series(planned, facts, base_id)
    if only is not None:
        chosen = [j for j in journeys if j.id == only]
        if not chosen and journeys:
            from cjmkit.errors import UsageError
            from cjmkit.suggest import did_you_mean

            hint = did_you_mean(only, [j.id for j in journeys])
            raise UsageError(f"--journey: no journey '{only}' in this history" + (f"; {hint}" if hint else ""))
        keep = {p.commit for j in chosen for p in j.points}
        planned = [(c, s) for c, s in planned if c.id in keep]
        journeys = chosen
    commits = [c for c, _ in planned if c.id != base_id]
    return History(commits, journeys, shallow=log.shallow, computed=computed)


def _facts_of(
    repo: GitRepo,
    planned: list[tuple[Commit, list[tuple[str, Version | None, str | None]]]],
    ws_path: str,
    root: Path,
    cache: FactsCache,
    jobs: int | None = None,
) -> tuple[dict[str, VersionFacts], int]:
    """The facts of every planned version: from the cache, or computed from blobs read in one go."""
    versions: dict[str, tuple[Version, str]] = {}
    for commit, steps in planned:
        for path, version, _ in steps:
            if version is not None and version.key not in versions:
                versions[version.key] = (version, f"{commit.id[:12]}:{path}")
    found: dict[str, VersionFacts] = {}
    missing: list[tuple[Version, str]] = []
    for key, (version, display) in versions.items():
        hit = cache.get(key)
        if hit is None:
            missing.append((version, display))
        else:
            found[key] = hit
    if not missing:
        return found, 0
    ws_blobs = sorted({v.workspace_blob for v, _ in missing if v.workspace_blob})
    blobs = read_blobs(repo, sorted({v.blob for v, _ in missing}) + ws_blobs)
    from cjmkit.validation.workspace_file import workspace_from_bytes

    workspaces: dict[str | None, Workspace] = {None: Workspace(root=root)}
    for blob in ws_blobs:
        workspaces[blob] = workspace_from_bytes(blobs.get(blob), root, f"{blob[:12]}:{ws_path}")
    tasks = [(blobs.get(v.blob, b""), display, workspaces[v.workspace_blob], v.day) for v, display in missing]
    if len(tasks) >= PARALLEL_VERSIONS and jobs != 1:
        # Forked children, not a process pool: they start with the blobs and parsed workspaces
        # already in memory (nothing pickled on the way in, only the small facts come back), and
        # the caller may itself be a worker (never a pool inside a pool). Versions are dealt out
        # in turn, so each core gets old and new, small and large maps alike.
        from cjmkit.parallel import map_split

        results = map_split(_compute, tasks, jobs)
    else:
        results = [_compute(t) for t in tasks]
    for (version, _), result in zip(missing, results, strict=True):
        found[version.key] = result
        cache.put(version.key, result)
    return found, len(missing)


def _compute(task: tuple[bytes, str, Workspace, dt.date]) -> VersionFacts:
    return version_facts(*task)


def _series(
    planned: list[tuple[Commit, list[tuple[str, Version | None, str | None]]]],
    facts: dict[str, VersionFacts],
    base_id: str | None = None,
) -> list[JourneyHistory]:
    """Points per journey id; a version that cannot be read belongs to the journey last seen at its path."""
    owner: dict[str, str] = {}
    journeys: dict[str, JourneyHistory] = {}
    last_valid: dict[str, Point] = {}
    for commit, steps in planned:
        for path, version, old_path in steps:
            known = owner.get(old_path or path) or owner.get(path)
            if version is None:
                jid = known or path
                owner.pop(path, None)
                point = Point(commit.id, commit.date, path, None)
            else:
                f = facts[version.key]
                jid = f.journey_id or known or path
                owner[path] = jid
                if old_path:
                    owner.pop(old_path, None)
                point = Point(commit.id, commit.date, path, f, renamed_from=old_path, baseline=commit.id == base_id)
            history = journeys.setdefault(jid, JourneyHistory(jid, jid))
            if point.facts is not None and point.facts.title:
                history.title = point.facts.title
            history.points.append(point)
            if point.facts is not None and point.facts.valid:
                _add_kpis(history, point, last_valid.get(jid))
                last_valid[jid] = point
    return sorted(journeys.values(), key=lambda j: j.id)


def _kpi_day(point: Point) -> dt.date:
    assert point.facts is not None
    measured = point.facts.measured
    return dt.date.fromisoformat(measured) if measured else point.date.date()


def _add_kpis(history: JourneyHistory, point: Point, before: Point | None) -> None:
    """Add the KPI values this version measured (the ones that differ from the last valid version)."""
    assert point.facts is not None
    day = _kpi_day(point)
    old = before.facts.kpi_values if before is not None and before.facts is not None else {}
    # Without a new `measured` date, a KPI whose value and target did not change was not measured
    # again: the map changed elsewhere. (With one, the same value is a new reading.)
    same_date = before is not None and before.facts is not None and before.facts.measured == point.facts.measured
    if same_date and old == point.facts.kpi_values:
        return
    for kid, kpi in point.facts.kpi_values.items():
        series = history.kpis.get(kid)
        if series is None:
            series = history.kpis[kid] = KpiSeries(kid, kpi.name, kpi.unit, kpi.direction)
        elif old.get(kid) != kpi:
            series.name, series.unit, series.direction = kpi.name, kpi.unit, kpi.direction
        if kpi.current is None or (same_date and old.get(kid) == kpi):
            continue
        last = series.points[-1] if series.points else None
        if last is not None and last.date == day and last.value == kpi.current and last.target == kpi.target:
            continue
        series.points.append(KpiPoint(day, kpi.current, kpi.target, point.commit))


__all__ = ["GitError", "History", "JourneyHistory", "KpiSeries", "Point", "journey_history"]
