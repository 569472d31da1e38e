"""
## What it does
When a journey says where touchpoints lead with `next`, flags a touchpoint
that nothing leads to (other than the journey's first touchpoint).

## Why is this bad?
The connections between touchpoints show how customers really move. A
touchpoint no other touchpoint leads to is either a missing connection or a
contact customers never reach; both are worth a look.

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
      - id: itinerary-login
        name: Logs in to find the itinerary
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
        next: [itinerary-login]
      - id: itinerary-login
        name: Logs in to find the itinerary
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.facts import flow_edges, uses_flow
from cjmkit.linting.rule import RuleContext, located_touchpoints

NAME = "unreachable-touchpoint"
CODE = "L107"
SEVERITY = "info"


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    if not uses_flow(ctx.journey):
        return
    reached = {target for source, target in flow_edges(ctx.journey) if source != target}
    for n, (loc, _, tp) in enumerate(located_touchpoints(ctx.journey)):
        if n > 0 and tp.id not in reached:
            yield ctx.finding(
                loc,
                f"nothing leads to touchpoint '{tp.name}': no other touchpoint lists it in next",
                item_id=tp.id,
            )
