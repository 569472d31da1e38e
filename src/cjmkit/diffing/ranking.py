"""How a journey's backlog moved: an opportunity's score, and its rank among the journey's open opportunities.

The rank is the journey's, as its report shows it (``cjm diff`` reads only the changed files,
not the whole workspace). A new rank is reported for an opportunity whose score or priority
changed; one that enters the top 5 is called out, whatever moved it there.
"""

from __future__ import annotations

from cjmkit.diffing.changes import Change
from cjmkit.model.journey import Journey
from cjmkit.model.settings import Scoring

#: An opportunity that enters this many first places of the backlog is called out.
TOP = 5


def rank_changes(old: Journey, new: Journey, old_scoring: Scoring | None, new_scoring: Scoring | None) -> list[Change]:
    """Score and rank changes of the opportunities open in ``new``, in backlog order."""
    if not old.opportunities and not new.opportunities:
        return []
    from cjmkit.planning import journey_backlog  # only when there is a backlog: cjm diff starts fast

    before = {i.id: i for i in journey_backlog(old, old_scoring)}
    out: list[Change] = []
    for item in journey_backlog(new, new_scoring):
        was = before.get(item.id)
        old_score = was.shown_score or None if was else None
        new_score = item.shown_score or None
        if was is not None and old_score != new_score:
            why = None
            if was.score is not None and item.score is not None:
                why = "score raised" if item.score > was.score else "score lowered"
            out.append(
                Change("changed", "opportunity", item.id, "neutral", "score", old_score, new_score, item.title, why=why)
            )
        entered = item.rank <= TOP and (was is None or was.rank > TOP)
        own_move = was is not None and (old_score != new_score or was.priority != item.priority)
        if (entered or own_move) and (was is None or was.rank != item.rank):
            out.append(
                Change(
                    "changed",
                    "opportunity",
                    item.id,
                    "neutral",
                    "rank",
                    was.rank if was else None,
                    item.rank,
                    item.title,
                    why=f"now in the top {TOP} of the journey's backlog" if entered else None,
                    callout=entered,
                )
            )
    return out
