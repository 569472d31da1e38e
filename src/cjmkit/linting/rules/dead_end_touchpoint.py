"""
## What it does
When a journey says where touchpoints lead with `next`, flags a touchpoint
that leads nowhere, unless it is in the journey's last stage.

## Why is this bad?
A touchpoint before the last stage that leads nowhere is where the mapped
flow stops: either a connection is missing, or customers really get stuck
there, which is a pain point worth naming.

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
        name: Fills in the booking form
        next: [confirmation-email]
      - id: confirmation-email
        name: Receives the confirmation
  - id: on-tour
    name: On tour
    touchpoints:
      - id: departure
        name: Boards the bus
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
        name: Fills in the booking form
        next: [confirmation-email]
      - id: confirmation-email
        name: Receives the confirmation
        next: [departure]
  - id: on-tour
    name: On tour
    touchpoints:
      - id: departure
        name: Boards the bus
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.facts import uses_flow
from cjmkit.linting.rule import RuleContext, located_touchpoints

NAME = "dead-end-touchpoint"
CODE = "L108"
SEVERITY = "info"


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    journey = ctx.journey
    if not uses_flow(journey):
        return
    # The last stage that has touchpoints is where the journey may end.
    last = max(si for si, stage in enumerate(journey.stages) if stage.touchpoints)
    for loc, _, tp in located_touchpoints(journey):
        if not tp.next and loc[1] != last:
            yield ctx.finding(
                loc,
                f"touchpoint '{tp.name}' leads nowhere: it lists no next touchpoint, yet the journey goes on",
                item_id=tp.id,
            )
