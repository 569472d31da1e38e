"""
## What it does
Flags a touchpoint with no `backstage` entry: no team, system or process
behind it.

## Why is this bad?
Pain points are fixed backstage. A touchpoint that is not linked to the
teams, systems and processes that deliver it leaves the map showing the
symptom without the place to act (the tour page cannot filter because the
site platform does not support it and nobody owns the site).

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
        backstage:
          - team: web-team
            system: cms
            process: Tour catalogue page, no filtering
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.linting.rule import RuleContext, located_touchpoints

NAME = "touchpoint-without-backstage"
CODE = "L309"
SEVERITY = "info"


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    for loc, _, tp in located_touchpoints(ctx.journey):
        if not tp.backstage:
            yield ctx.finding(
                loc,
                f"touchpoint '{tp.name}' shows no team, system or process behind it",
                item_id=tp.id,
                hint="add backstage: entries with team, system and process",
            )
