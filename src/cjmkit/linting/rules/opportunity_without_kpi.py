"""
## What it does
Flags an opportunity that names no KPI (`kpis`) to measure its success by.

## Why is this bad?
Improvements must be tracked: without a KPI nobody can tell whether the fix
worked, and the map cannot show progress from one review to the next.

## Example
```yaml
cjm: 1
id: tour-booking
title: Booking a bus tour
stages:
  - id: research
    name: Research
    touchpoints:
      - id: tour-search
        name: Searches tours on the web site
        kpis:
          - id: search-to-booking
            name: Search-to-booking conversion
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
    touchpoints:
      - id: tour-search
        name: Searches tours on the web site
        kpis:
          - id: search-to-booking
            name: Search-to-booking conversion
opportunities:
  - id: add-filters
    title: Add filters to the tour page
    kpis: [search-to-booking]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.linting.rule import RuleContext

NAME = "opportunity-without-kpi"
CODE = "L304"
SEVERITY = "info"


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    for oi, opp in enumerate(ctx.journey.opportunities):
        if not opp.kpis and opp.status != "dropped":
            yield ctx.finding(
                ("opportunities", oi),
                f"opportunity '{opp.title}' names no KPI to measure its success by",
                item_id=opp.id,
            )
