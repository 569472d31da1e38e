"""
## What it does
Flags a pain point with no `severity` (low, medium, high or critical).

## Why is this bad?
Pain points must be found and then prioritised: a list of problems with no
order gives the team no way to choose what to fix first, and the pains that
matter most get lost among the small ones.

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
        pain_points:
          - id: no-filter
            description: No filter by country, price or number of days
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
        pain_points:
          - id: no-filter
            description: No filter by country, price or number of days
            severity: high
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.linting.rule import RuleContext, located_pain_points

NAME = "pain-point-unprioritised"
CODE = "L301"
SEVERITY = "warning"


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    for loc, tp, pp in located_pain_points(ctx.journey):
        if pp.severity is None:
            yield ctx.finding(
                loc,
                f"pain point '{pp.id}' at touchpoint '{tp.name}' has no severity, so it cannot be prioritised",
                item_id=pp.id,
                hint="add severity: low, medium, high or critical",
            )
