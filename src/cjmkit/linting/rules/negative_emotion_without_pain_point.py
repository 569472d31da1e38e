"""
## What it does
Flags a touchpoint where customers feel negative (emotion at or below
`max_emotion`) but no pain point says why.

## Why is this bad?
A negative emotion is a symptom; the pain point is the cause the team can act
on. Until the cause is named it cannot be prioritised, linked to the process
behind it, or addressed by an opportunity.

## Example
```yaml
cjm: 1
id: tour-booking
title: Booking a bus tour
stages:
  - id: before-the-trip
    name: Before the trip
    touchpoints:
      - id: itinerary-login
        name: Logs in to find the itinerary
        emotion: -1
```

Use instead:
```yaml
cjm: 1
id: tour-booking
title: Booking a bus tour
stages:
  - id: before-the-trip
    name: Before the trip
    touchpoints:
      - id: itinerary-login
        name: Logs in to find the itinerary
        emotion: -1
        pain_points:
          - id: forgotten-password
            description: Has to reset a forgotten password just to read the itinerary
            severity: medium
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.linting.rule import Option, RuleContext, located_touchpoints

NAME = "negative-emotion-without-pain-point"
CODE = "L204"
SEVERITY = "info"
OPTIONS = (Option("max_emotion", int, -1, "Emotions at or below this count as negative.", bounds=(-2, 2)),)


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    limit: int = ctx.options["max_emotion"]
    for loc, _, tp in located_touchpoints(ctx.journey):
        if tp.emotion is not None and tp.emotion <= limit and not tp.pain_points:
            yield ctx.finding(
                loc,
                f"customers feel {tp.emotion:+d} at touchpoint '{tp.name}' but no pain point says why",
                item_id=tp.id,
            )
