"""
## What it does
Flags a touchpoint with no `channel`.

## Why is this bad?
The channel (web site, e-mail, phone, store, app...) says where the contact
happens and which team and systems are involved. Without it the map cannot
show how the journey moves between channels, nor which channels are missing.

## Example
```yaml
cjm: 1
id: tour-booking
title: Booking a bus tour
stages:
  - id: research
    name: Research
    touchpoints:
      - id: newsletter
        name: Reads the monthly newsletter
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
      - id: newsletter
        name: Reads the monthly newsletter
        channel: email
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.linting.rule import RuleContext, located_touchpoints

NAME = "touchpoint-without-channel"
CODE = "L105"
SEVERITY = "info"


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    for loc, _, tp in located_touchpoints(ctx.journey):
        if tp.channel is None:
            yield ctx.finding(loc, f"touchpoint '{tp.name}' does not say on which channel it happens", item_id=tp.id)
