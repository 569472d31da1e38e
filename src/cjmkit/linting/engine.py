"""Running the rules: over one journey, one file, or many files on every core.

Lint validates first: a file that is not valid is reported exactly as
``cjm validate`` reports it and is not linted further, since rules assume a
well-formed journey whose references resolve.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from cjmkit.diagnostics import Diagnostic, Severity
from cjmkit.errors import LintConfigError
from cjmkit.linting.config import LintSettings, resolve_settings
from cjmkit.linting.registry import all_rules
from cjmkit.linting.rule import Rule, RuleContext
from cjmkit.linting.suppression import scan_suppressions
from cjmkit.linting.timeline import Timeline, TimelineSource
from cjmkit.loader import Document, LoadError, load_file
from cjmkit.model.catalog import Catalog
from cjmkit.model.journey import Journey
from cjmkit.validation import (
    FileResult,
    open_workspace_for,
    resolve_focus,
    validate_document,
    validate_file,
    workspace_for,
)
from cjmkit.validation import (
    select as select_files,
)
from cjmkit.workspace import Workspace, display_path

#: The code of the finding that stands for a rule that crashed.
RULE_CRASHED = "L003"


def _crash_finding(rule: Rule, document: Document, err: Exception) -> Diagnostic:
    """A rule that raises is a bug in cjm; it is reported, not swallowed, and the other rules still run."""
    return Diagnostic(
        code=RULE_CRASHED,
        message=f"rule '{rule.name}' crashed on this file: {type(err).__name__}: {err}",
        path=document.path,
        rule=rule.name,
        hint="this is a bug in cjm; please report it with the file",
    )


def lint_journey(
    journey: Journey, document: Document, catalog: Catalog, settings: LintSettings, timeline: Timeline | None = None
) -> list[Diagnostic]:
    """The findings of the enabled rules on a valid journey, suppressions applied, in file order.

    A rule that crashes gives one finding of its own (:data:`RULE_CRASHED`) instead of its findings.
    ``timeline`` is the journey's committed past, for the rules that need history.
    """
    suppressions = scan_suppressions(document)
    findings = list(suppressions.problems)
    for rule in all_rules():
        severity = settings.severities.get(rule.name)
        if severity is None or rule.name in suppressions.whole_file:
            continue
        ctx = RuleContext(
            journey=journey,
            document=document,
            catalog=catalog,
            today=settings.today,
            rule=rule,
            severity=severity,
            options=settings.options.get(rule.name, rule.options),
            scoring=settings.scoring,
            timeline=timeline,
        )
        try:
            found = list(rule.check(ctx))
        except Exception as err:  # any crash of a rule becomes a finding
            findings.append(_crash_finding(rule, document, err))
            continue
        findings.extend(d for d in found if not suppressions.hides(d))
    findings.sort(key=Diagnostic.sort_key)
    return findings


@dataclass
class LintedFile:
    """One file's validation result and, when it is valid, its lint findings."""

    validation: FileResult
    findings: list[Diagnostic] = field(default_factory=list)

    @property
    def path(self) -> str:
        return self.validation.path

    @property
    def diagnostics(self) -> list[Diagnostic]:
        if not self.findings:
            return list(self.validation.diagnostics)
        if not self.validation.diagnostics:
            return list(self.findings)
        return sorted([*self.validation.diagnostics, *self.findings], key=Diagnostic.sort_key)


def lint_document(
    doc: Document, workspace: Workspace | None, settings: LintSettings, timeline: Timeline | None = None
) -> LintedFile:
    """Validate a parsed file, then lint it when it is valid."""
    result = validate_document(doc, workspace)
    if result.journey is None or result.catalog is None or not result.valid:
        return LintedFile(result)
    return LintedFile(result, lint_journey(result.journey, doc, result.catalog, settings, timeline))


def lint_file(
    path: str | Path,
    workspace: Workspace | None,
    settings: LintSettings,
    display: str | None = None,
    timeline: Timeline | None = None,
) -> LintedFile:
    shown = display if display is not None else display_path(path)
    try:
        doc = load_file(path, shown)
    except LoadError:
        return LintedFile(validate_file(path, workspace, shown))
    return lint_document(doc, workspace, settings, timeline)


def _lint_task(item: tuple[str, str, str | None, LintSettings, Timeline | None]) -> LintedFile:
    path, display, root, settings, timeline = item
    linted = lint_file(path, workspace_for(root), settings, display, timeline)
    # Only what the parent needs crosses the process boundary.
    linted.validation.journey = None
    linted.validation.document = None
    return linted


def iter_lint(
    files: Sequence[Path],
    workspace: Workspace,
    settings: LintSettings,
    jobs: int | None = None,
    timelines: Mapping[Path, Timeline] | None = None,
) -> Iterator[LintedFile]:
    from cjmkit.parallel import MIN_FILES_FOR_POOL, map_files

    timelines = timelines or {}
    if len(files) < MIN_FILES_FOR_POOL or jobs == 1:
        for f in files:
            yield lint_file(f, workspace, settings, display_path(f), timelines.get(f.resolve()))
        return
    root = str(workspace.root) if workspace.config_path is not None else None
    items = [(str(f), display_path(f), root, settings, timelines.get(f.resolve())) for f in files]
    yield from map_files(_lint_task, items, jobs)


@dataclass
class LintReport:
    """The outcome of linting a set of files."""

    files: list[LintedFile]
    settings: LintSettings

    @property
    def diagnostics(self) -> list[Diagnostic]:
        out: list[Diagnostic] = []
        for f in self.files:
            out.extend(f.diagnostics)
        return out

    def fails(self, threshold: Severity) -> bool:
        """True when any problem or finding is at or above ``threshold``."""
        failing = {s for s in Severity if s.rank >= threshold.rank}
        return any(d.severity in failing for f in self.files for d in (*f.validation.diagnostics, *f.findings))


def _config_document(workspace: Workspace) -> Document | None:
    if workspace.config_path is None:
        return None
    try:
        return load_file(workspace.config_path, display_path(workspace.config_path))
    except LoadError:
        return None


def settings_for(
    workspace: Workspace,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    today: dt.date | None = None,
) -> LintSettings:
    """The workspace's lint settings; raises :class:`LintConfigError` when ``cjm.yaml`` has problems."""
    if workspace.diagnostics:
        raise LintConfigError(list(workspace.diagnostics))
    config = workspace.config.lint if workspace.config else None
    has_config = config is not None and bool(config.rules or config.options)
    settings = resolve_settings(
        config,
        select=select,
        ignore=ignore,
        today=today,
        config_doc=_config_document(workspace) if has_config else None,
    )
    scoring = workspace.config.scoring if workspace.config else None
    return dataclasses.replace(settings, scoring=scoring) if scoring else settings


def lint(
    paths: Sequence[str | Path] | None = None,
    *,
    workspace: Workspace | None = None,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    today: dt.date | None = None,
    jobs: int | None = None,
    timelines: TimelineSource | None = None,
) -> LintReport:
    """Validate and lint journey files (default: the workspace's journeys).

    ``timelines`` reads the files' git history; it is asked only when a rule that
    needs history is turned on (``cjmkit.history.timeline.timelines``).

    Raises :class:`~cjmkit.errors.UsageError` for a path that does not
    exist or when there is no journey file, :class:`~cjmkit.linting.config.SelectionError` for an unknown rule in
    ``select``/``ignore`` and :class:`LintConfigError` for a bad ``cjm.yaml``.
    """
    paths = list(paths or [])
    ws = workspace or open_workspace_for(paths)
    settings = settings_for(ws, select=select, ignore=ignore, today=today)
    files = select_files(paths, workspace=ws).files
    wants_history = any(r.needs_history and r.name in settings.severities for r in all_rules())
    past = timelines(files) if timelines is not None and wants_history else None
    linted = list(iter_lint(files, ws, settings, jobs, past))
    resolve_focus([f.validation for f in linted], ws, {f.resolve() for f in files})
    for f in linted:
        # A focus that does not resolve makes the file invalid after all.
        if not f.validation.valid:
            f.findings = []
    return LintReport(files=linted, settings=settings)
