"""Turn pairs of loaded sides into the :class:`DiffReport` every output format prints."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cjmkit.diffing.changes import Change, DiffReport, FileDiff
from cjmkit.diffing.ranking import rank_changes
from cjmkit.diffing.sources import Side
from cjmkit.diffing.summary import compare_journeys, overall, summarize


@dataclass
class Pair:
    """The old and the new version of one journey file (``None``: not there on that side)."""

    old: Side | None
    new: Side | None
    renamed: bool = False


def file_diff(pair: Pair) -> FileDiff:
    """Compare one pair; a side that does not load or validate makes the pair ``invalid``."""
    old, new = pair.old, pair.new
    bad = [s for s in (old, new) if s is not None and not s.valid]
    old_path = old.display if old else None
    new_path = new.display if new else None
    if bad:
        good = next((s.journey for s in (new, old) if s is not None and s.journey is not None), None)
        # No figures for a pair that was not compared: a side that does not load has
        # no pain points, and counting it as zero would report every one as removed.
        return FileDiff(
            status="invalid",
            old_path=old_path,
            new_path=new_path,
            journey_id=good.id if good else None,
            title=good.title if good else None,
            diagnostics=[d for s in bad for d in s.diagnostics],
            invalid_sides=tuple(name for name, s in (("old", old), ("new", new)) if s is not None and not s.valid),
        )
    result = compare_journeys(
        old.journey if old else None, new.journey if new else None, old_path, new_path, renamed=pair.renamed
    )
    if old is not None and new is not None and old.journey is not None and new.journey is not None:
        moved = rank_changes(old.journey, new.journey, old.scoring, new.scoring)
        if moved:
            result.changes += moved
            result.summary = summarize(result.changes, old.journey, new.journey)
            if result.status == "unchanged":
                result.status = "modified"
    result.old_journey, result.new_journey = (old.journey if old else None), (new.journey if new else None)
    result.old_catalog, result.new_catalog = (old.catalog if old else None), (new.catalog if new else None)
    return result


def match_moved_journeys(pairs: list[Pair]) -> list[Pair]:
    """Join a deleted file and an added file that hold the same journey id into one renamed file.

    Git's rename detection misses a file that was moved and heavily edited in
    the same change; the journey id does not.
    """
    deleted: dict[str, Pair] = {}
    for p in pairs:
        if p.new is None and p.old is not None and p.old.journey is not None:
            deleted.setdefault(p.old.journey.id, p)
    out: list[Pair] = []
    used: set[int] = set()
    for p in pairs:
        if p.old is None and p.new is not None and p.new.journey is not None:
            gone = deleted.get(p.new.journey.id)
            if gone is not None and id(gone) not in used:
                used.add(id(gone))
                out.append(Pair(gone.old, p.new, renamed=True))
                continue
        out.append(p)
    return [p for p in out if id(p) not in used]


def build_report(
    pairs: Sequence[Pair],
    old_label: str,
    new_label: str,
    workspace_changes: Sequence[Change] = (),
    workspace_path: str | None = None,
) -> DiffReport:
    files = [file_diff(p) for p in pairs]
    files.sort(key=lambda f: f.path)
    # The figures cover the files that were compared, not a file whose other side is invalid.
    olds = [f.old_journey for f in files if f.old_journey is not None]
    news = [f.new_journey for f in files if f.new_journey is not None]
    return DiffReport(
        old_label=old_label,
        new_label=new_label,
        files=files,
        workspace_changes=list(workspace_changes),
        workspace_path=workspace_path,
        summary=overall(files, workspace_changes, olds, news),
    )
