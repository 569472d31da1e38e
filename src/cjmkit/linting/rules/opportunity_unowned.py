"""
## What it does
Flags an opportunity with no `owner`.

## Why is this bad?
A solution nobody owns does not happen. Most fixes need several teams (the
tour planners tag the tours, the web team builds the filter); one of them has
to drive it.

## Example
```yaml
cjm: 1
id: tour-booking
title: Booking a bus tour
stages:
  - id: research
    name: Research
opportunities:
  - id: add-filters
    title: Add filters to the tour page
```

Use instead:
```yaml
cjm: 1
id: tour-booking
title: Booking a bus tour
stages:
  - id: research
    name: Research
opportunities:
  - id: add-filters
    title: Add filters to the tour page
    owner: web-team
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.linting.rule import RuleContext

NAME = "opportunity-unowned"
CODE = "L303"
SEVERITY = "warning"


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    for oi, opp in enumerate(ctx.journey.opportunities):
        if opp.owner is None and opp.status != "dropped":
            yield ctx.finding(
                ("opportunities", oi),
                f"opportunity '{opp.title}' has no owner: no team is driving it",
                item_id=opp.id,
                hint="add owner: with the id of the team that drives it",
            )
