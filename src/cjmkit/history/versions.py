"""The facts of one version of one journey file, and the cache that keeps them.

A version is a git blob validated against the workspace of its time and linted
as of its commit date. Its facts are the ones ``cjm stats`` shows (computed by
:func:`cjmkit.authoring.stats.journey_stats` and :mod:`cjmkit.facts`), plus the
KPI values, the opportunities by status and the lint counts.

The cache holds one small JSON file per version, named by a hash of everything
the facts depend on: the journey's blob id, the ``cjm.yaml`` blob id, the commit
date lint ran as of, and the cjmkit version. Blob ids name content, so an entry
can never be stale; deleting the folder only costs time. See :func:`cache_dir`.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

#: Bump when the facts kept for a version change shape; old entries are then never read.
CACHE_FORMAT = 3

OPPORTUNITY_STATES = ("idea", "planned", "in-progress", "done", "dropped")
LINT_SEVERITIES = ("error", "warning", "info")


class KpiValue(NamedTuple):
    """A KPI as one version of a map states it (a tuple: thousands are read and compared per run)."""

    name: str
    current: float | None
    target: float | None
    direction: str
    unit: str | None = None


@dataclass
class VersionFacts:
    """What one version of a journey file says; ``error`` set (and the figures empty) when it is not valid."""

    journey_id: str | None = None
    title: str | None = None
    error: str | None = None
    """The first problem of an invalid version: 'line:column message'."""
    measured: str | None = None
    """The map's ``measured`` date (ISO), the date its KPI values were taken."""
    average_emotion: float | None = None
    average_emotion_gap: float | None = None
    pains: dict[str, int] = field(default_factory=dict)
    unaddressed_high: int = 0
    kpis: dict[str, int] = field(default_factory=dict)
    kpi_values: dict[str, KpiValue] = field(default_factory=dict)
    opportunities: dict[str, int] = field(default_factory=dict)
    done: list[str] = field(default_factory=list)
    """Ids of the opportunities whose status is done."""
    pains_key: str | None = None
    """The pain points as one text (:func:`cjmkit.facts.pain_points_key`), to see when they changed."""
    lint: dict[str, int] | None = None
    """Findings by severity; ``None`` when the workspace's lint configuration had problems."""

    @property
    def valid(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        """For the cache: each KPI as a list (name, current, target, direction, unit), which reads back fast."""
        data = asdict(self)
        data["kpi_values"] = {k: list(v) for k, v in self.kpi_values.items()}
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> VersionFacts:
        make = KpiValue._make
        values = {k: make(v) for k, v in data.pop("kpi_values").items()}
        return cls(**data, kpi_values=values)


@dataclass(frozen=True)
class Version:
    """What a version's facts are computed from (everything its cache key names)."""

    blob: str
    workspace_blob: str | None
    day: dt.date
    """Lint runs as of this day (the commit date), so "stale" means stale then."""

    @functools.cached_property
    def key(self) -> str:
        text = f"{_fingerprint()}|{self.blob}|{self.workspace_blob or '-'}|{self.day.isoformat()}"
        return hashlib.sha256(text.encode()).hexdigest()


@functools.cache
def _fingerprint() -> str:
    """What the facts depend on besides the files: the cache format, cjmkit's version and its lint rules."""
    from importlib import metadata

    from cjmkit.linting.registry import all_rules

    try:
        version = metadata.version("cjmkit")  # not `cjmkit.__version__`: this layer does not import the package
    except metadata.PackageNotFoundError:
        version = "unknown"
    rules = sorted((r.name, r.code, str(r.severity), repr(sorted(r.options.items()))) for r in all_rules())
    return hashlib.sha256(f"{CACHE_FORMAT}|{version}|{rules}".encode()).hexdigest()


def version_facts(raw: bytes, display: str, workspace: Any, day: dt.date) -> VersionFacts:
    """Validate and lint one version; an invalid one gives its first error instead of figures."""
    from cjmkit.authoring.stats import journey_stats
    from cjmkit.errors import LintConfigError
    from cjmkit.facts import pain_points_key
    from cjmkit.linting.engine import lint_journey, settings_for
    from cjmkit.loader import LoadError, parse_bytes
    from cjmkit.validation import validate_document

    try:
        doc = parse_bytes(raw, display)
    except LoadError as err:
        return VersionFacts(error=_first_error(err.diagnostics))
    result = validate_document(doc, workspace)
    journey = result.journey
    if journey is None or result.catalog is None or not result.valid:
        # The id, when the file still names one, keeps an invalid version in its journey's series.
        named = doc.data.get("id") if isinstance(doc.data, dict) else None
        return VersionFacts(
            journey_id=named if isinstance(named, str) else None, error=_first_error(result.diagnostics)
        )
    stats = journey_stats(journey, display, day)
    try:
        findings = lint_journey(journey, doc, result.catalog, settings_for(workspace, today=day))
        lint: dict[str, int] | None = Counter(str(d.severity.value) for d in findings)
        lint = {s: lint.get(s, 0) for s in LINT_SEVERITIES} if lint is not None else None
    except LintConfigError:
        lint = None
    statuses = Counter(o.status for o in journey.opportunities)
    return VersionFacts(
        journey_id=journey.id,
        title=journey.title,
        measured=journey.measured.isoformat() if journey.measured else None,
        average_emotion=stats.average_emotion,
        average_emotion_gap=stats.average_emotion_gap,
        pains=stats.pains,
        unaddressed_high=stats.unaddressed_high,
        kpis=stats.kpis,
        kpi_values={
            k.id: KpiValue(k.name, _number(k.current), _number(k.target), k.direction, k.unit)
            for _, _, k in journey.iter_kpis()
        },
        opportunities={s: statuses.get(s, 0) for s in OPPORTUNITY_STATES},  # type: ignore[call-overload]
        done=[o.id for o in journey.opportunities if o.status == "done"],
        pains_key=pain_points_key(journey),
        lint=lint,
    )


def _number(value: float | int | None) -> float | None:
    return None if value is None else float(value)


def _first_error(diagnostics: list[Any]) -> str:
    errors = [d for d in diagnostics if d.severity.value == "error"] or diagnostics
    if not errors:
        return "not a valid journey"
    first = min(errors, key=lambda d: (d.line or 0, d.column or 0))
    where = f"{first.line}:{first.column} " if first.line else ""
    return f"{where}{first.message}"


# -- the cache ----------------------------------------------------------------


def cache_dir() -> Path:
    """Where version facts are kept: ``$CJM_CACHE_DIR``, else ``$XDG_CACHE_HOME/cjm``, else ``~/.cache/cjm``.

    Only ``history/`` below it is cjm's history cache; the folder is safe to delete.
    """
    given = os.environ.get("CJM_CACHE_DIR")
    if given:
        return Path(given)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "cjm"


class FactsCache:
    """Version facts on disk, one JSON file per cache key; a missing or corrupt entry reads as absent."""

    def __init__(self, root: Path | None = None, enabled: bool = True):
        self.folder = (root or cache_dir()) / "history" / f"v{CACHE_FORMAT}"
        self._prefix = str(self.folder) + os.sep
        self.enabled = enabled
        self.writable = enabled

    def _path(self, key: str) -> str:
        # A plain string: thousands of entries are read per run, and Path objects cost more than the read.
        return f"{self._prefix}{key[:2]}{os.sep}{key}.json"

    def get(self, key: str) -> VersionFacts | None:
        if not self.enabled:
            return None
        try:
            with open(self._path(key), "rb") as handle:
                data = json.loads(handle.read())
            return VersionFacts.from_dict(data)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None

    def put(self, key: str, value: VersionFacts) -> None:
        """Write an entry atomically (a reader sees all of it or none); a cache that cannot be written is skipped."""
        if not self.writable:
            return
        from cjmkit.fileio import write_atomic

        path = Path(self._path(key))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, json.dumps(value.to_dict(), separators=(",", ":")))
        except OSError:
            self.writable = False  # read-only home, full disk: history still works, only slower next time
