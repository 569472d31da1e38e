"""
## What it does
Flags a touchpoint with no observed `emotion`.

## Why is this bad?
How the customer feels at each touchpoint is what turns a process diagram
into a journey map. Without it the map cannot show where the experience
breaks, nor the gap between what customers feel and what the company wants
them to feel.

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
        emotion: -2
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit import facts
from cjmkit.diagnostics import Diagnostic
from cjmkit.linting.rule import RuleContext, located_touchpoints

NAME = "emotion-missing"
CODE = "L201"
SEVERITY = "info"


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    for loc, _, tp in located_touchpoints(ctx.journey):
        if tp.emotion is None and not facts.emotion_is_derived(tp):
            yield ctx.finding(
                loc,
                f"touchpoint '{tp.name}' does not record how the customer feels (emotion, -2 to +2)",
                item_id=tp.id,
            )
