"""
## What it does
Flags a moment of truth (`moment_of_truth: true`) with no KPI.

## Why is this bad?
A moment of truth is where the relationship is made or broken; it is the
first place where success must be measured. Without a KPI the team cannot
tell whether it is getting better or worse.

## Example
```yaml
cjm: 1
id: tour-booking
title: Booking a bus tour
stages:
  - id: booking
    name: Booking
    touchpoints:
      - id: booking-form
        name: Fills in the booking form and pays
        moment_of_truth: true
```

Use instead:
```yaml
cjm: 1
id: tour-booking
title: Booking a bus tour
stages:
  - id: booking
    name: Booking
    touchpoints:
      - id: booking-form
        name: Fills in the booking form and pays
        moment_of_truth: true
        kpis:
          - id: booking-completion
            name: Booking form completion rate
            target: 80
            cadence: weekly
            owner: web-team
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.linting.rule import RuleContext, located_touchpoints

NAME = "moment-of-truth-without-kpi"
CODE = "L306"
SEVERITY = "warning"


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    for loc, _, tp in located_touchpoints(ctx.journey):
        if tp.moment_of_truth and not tp.kpis:
            yield ctx.finding(
                loc,
                f"touchpoint '{tp.name}' is a moment of truth but has no KPI to measure it",
                item_id=tp.id,
            )
