"""
## What it does
Flags a journey where no touchpoint is marked `moment_of_truth: true`.

## Why is this bad?
Moments of truth are where the relationship is made or broken. Naming them
tells the team where a bad experience costs the most, and where KPIs and
fixes matter first.

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
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.linting.rule import RuleContext

NAME = "journey-without-moment-of-truth"
CODE = "L305"
SEVERITY = "info"


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    if not any(tp.moment_of_truth for _, _, _, tp in ctx.journey.iter_touchpoints()):
        yield ctx.finding(
            ("stages",),
            "no touchpoint is marked as a moment of truth, where the relationship is made or broken",
            key=True,
            item_id=ctx.journey.id,
        )
