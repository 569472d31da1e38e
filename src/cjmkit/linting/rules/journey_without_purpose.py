"""
## What it does
Flags a journey with no `purpose`.

## Why is this bad?
A clear purpose set up front keeps the mapping work focused and tells readers
what question the map answers ("why do visitors leave the tour page without
booking?"). Maps without one tend to grow too complex or stay too vague.

## Example
```yaml
cjm: 1
id: tour-booking
title: Booking a bus tour
stages:
  - id: research
    name: Research
```

Use instead:
```yaml
cjm: 1
id: tour-booking
title: Booking a bus tour
purpose: Find why visitors leave the tour page without booking
stages:
  - id: research
    name: Research
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.linting.rule import RuleContext

NAME = "journey-without-purpose"
CODE = "L406"
SEVERITY = "info"


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    if not ctx.journey.purpose:
        yield ctx.finding(
            (),
            "the journey does not say what it is for",
            item_id=ctx.journey.id,
            hint="add purpose: the question this map should answer",
        )
