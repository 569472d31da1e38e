"""
## What it does
Flags a map whose review is overdue: `updated` plus `review_every` days (or
`default_review_days` when the map sets no period) is in the past.

## Why is this bad?
Static, outdated maps cannot serve: products, channels and customers change,
and a map that describes last year's journey leads the team to fix the wrong
things. Keeping the map current on a regular cadence is part of using it.

## Example
```yaml
cjm: 1
id: tour-booking
title: Booking a bus tour
updated: "2024-01-15"
review_every: 90
stages:
  - id: research
    name: Research
```

Use instead (after reviewing the map with the team):
```yaml
cjm: 1
id: tour-booking
title: Booking a bus tour
updated: "2026-10-14"
review_every: 90
stages:
  - id: research
    name: Research
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.facts import DEFAULT_REVIEW_DAYS, days_overdue, is_stale, review_due
from cjmkit.linting.rule import Option, RuleContext
from cjmkit.model.base import MAX_REVIEW_DAYS

NAME = "map-stale"
CODE = "L401"
SEVERITY = "warning"
OPTIONS = (
    Option(
        "default_review_days",
        int,
        DEFAULT_REVIEW_DAYS,
        "The review period, in days, of a map that sets no review_every.",
        bounds=(1, MAX_REVIEW_DAYS),
    ),
)


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    journey = ctx.journey
    days: int = ctx.options["default_review_days"]
    if not is_stale(journey, ctx.today, days):
        return
    overdue = days_overdue(journey, ctx.today, days)
    yield ctx.finding(
        ("updated",),
        f"the map is overdue for review: last reviewed {journey.updated}, due {review_due(journey, days)} "
        f"({overdue} day{'' if overdue == 1 else 's'} ago); it may no longer match what customers experience",
        item_id=journey.id,
        hint="review the map with its owners, then set updated: to the review date",
    )
