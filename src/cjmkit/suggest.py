""" "Did you mean ...?" suggestions for typos in keys, enum values and ids."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, candidates: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The candidate nearest to ``word``, or None when none is close enough."""
    pool = [c for c in candidates if c != word]
    if not pool:
        return None
    lowered = word.lower()
    for c in pool:
        if c.lower() == lowered or c.replace("_", "-") == word.replace("_", "-"):
            return c
    match = difflib.get_close_matches(word, pool, n=1, cutoff=cutoff)
    return match[0] if match else None


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """``"did you mean 'x'?"`` or None."""
    best = closest(word, candidates)
    return f"did you mean '{best}'?" if best else None
