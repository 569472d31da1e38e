"""
## What it does
Flags a map with no `updated` date.

## Why is this bad?
Without the date of its last review, nobody can tell whether the map still
describes the journey customers have today, and the map can never be flagged
as stale. Most maps are made once and hung on a wall; a review date is the
first step to keeping one in use.

## Example
```yaml
cjm: 1
id: tour-booking
title: Booking a bus tour
stages:
  - id: research
    name: Research
```

Use instead:
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
from cjmkit.linting.rule import RuleContext

NAME = "map-never-reviewed"
CODE = "L402"
SEVERITY = "warning"


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    if ctx.journey.updated is None:
        yield ctx.finding(
            (),
            "the map does not say when it was last reviewed",
            item_id=ctx.journey.id,
            hint="add updated: with the date of the last review (YYYY-MM-DD)",
        )
