"""One sentence per change, in plain words; every output format escapes it for its medium."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cjmkit.diffing.changes import Change, FileDiff, Summary

#: What contains an item of each kind, for "moved from stage a to stage b".
PARENT_KIND = {"touchpoint": "stage", "pain point": "touchpoint", "KPI": "touchpoint", "experience": "touchpoint"}
MAX_TEXT = 80
FILE_STATUS_WORDS = {
    "modified": "changed",
    "unchanged": "no change in meaning (layout or comments only)",
    "added": "new file",
    "deleted": "deleted",
    "renamed": "moved or renamed",
    "invalid": "could not be compared",
}


def status_words(f: FileDiff) -> str:
    """What happened to the file; for one that could not be compared, which side is not valid."""
    words = FILE_STATUS_WORDS[f.status]
    if f.status == "invalid" and f.invalid_sides:
        sides = "both sides are" if len(f.invalid_sides) == 2 else f"the {f.invalid_sides[0]} side is"
        words += f": {sides} not a valid journey"
    return words


def value(v: Any) -> str:
    """A field value as people read it."""
    if v is None:
        return "(none)"
    if isinstance(v, bool):
        return "yes" if v else "no"
    if isinstance(v, list):
        return "[" + ", ".join(value(x) if not isinstance(x, dict) else _mapping(x) for x in v) + "]"
    if isinstance(v, dict):
        return _mapping(v)
    return short(str(v))


def _mapping(d: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {value(x)}" for k, x in d.items() if x is not None) + "}"


def short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


def thing(c: Change) -> str:
    """``touchpoint tour-search "Searches tours on the web site"``."""
    if c.label and c.label != c.id:
        return f'{c.item} {c.id} "{short(c.label)}"'
    return f"{c.item} {c.id}"


def _field(name: str | None) -> str:
    return (name or "").replace("_", " ")


def sentence(c: Change) -> str:
    """The change in one sentence, with why it counts when it does."""
    parent = PARENT_KIND.get(c.item, "")
    if c.kind == "added":
        text = f"{thing(c)} added" + (f" in {parent} {c.where}" if c.where else "")
    elif c.kind == "removed":
        text = f"{thing(c)} removed" + (f" from {parent} {c.where}" if c.where else "")
    elif c.kind == "renamed":
        text = f'{c.item} {c.id} renamed: "{short(str(c.old))}" -> "{short(str(c.new))}"'
    elif c.kind == "moved":
        text = f"{thing(c)} moved from {parent} {c.old} to {parent} {c.new}"
    elif c.kind == "reordered":
        whose = "" if c.item == "journey" else f" of {c.item} {c.id}"
        text = f"{_field(c.field)}{whose} reordered: {', '.join(c.old)} -> {', '.join(c.new)}"
    else:
        text = f"{thing(c)}: {_field(c.field)} {value(c.old)} -> {value(c.new)}"
    return f"{text} ({c.why})" if c.why else text


IMPACT_ORDER = {"regression": 0, "improvement": 1, "neutral": 2}


def ordered(changes: Iterable[Change]) -> list[Change]:
    """Regressions first (new high and critical pain points at the very top), then improvements, then the rest."""
    return sorted(changes, key=lambda c: (not c.callout, IMPACT_ORDER[c.impact]))


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else many or word + 's'}"


def counts(s: Summary) -> str:
    return f"{plural(s.improvements, 'improvement')}, {plural(s.regressions, 'regression')}, {s.neutral} neutral"


def emotion(v: float | None) -> str:
    return "n/a" if v is None else f"{v:+.2f}"


def emotion_move(s: Summary) -> str:
    return f"{emotion(s.emotion_before)} -> {emotion(s.emotion_after)}"


def pains_move(s: Summary) -> str:
    """``critical 0 -> 1, high 2 -> 1`` for the severities that have any pain point on either side."""
    parts = [
        f"{k} {s.pains_before.get(k, 0)} -> {s.pains_after.get(k, 0)}"
        for k in s.pains_after
        if s.pains_before.get(k, 0) or s.pains_after.get(k, 0)
    ]
    return ", ".join(parts) if parts else "none"


def file_heading(f: FileDiff) -> str:
    """``Booking a tour (tour-booking)``, or the path when the journey could not be read."""
    if f.title and f.journey_id:
        return f"{short(f.title)} ({f.journey_id})"
    return f.journey_id or f.path


def file_paths(f: FileDiff) -> str:
    if f.old_path and f.new_path and f.old_path != f.new_path:
        return f"{f.old_path} -> {f.new_path}"
    return f.path
