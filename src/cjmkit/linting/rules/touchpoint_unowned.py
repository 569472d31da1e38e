"""
## What it does
Flags a touchpoint with no `owner`.

## Why is this bad?
Every point of contact needs a department or person responsible for the
quality of the experience there. Without one, a problem found at the
touchpoint has nobody to go to.

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
        owner: web-team
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.linting.rule import RuleContext, located_touchpoints

NAME = "touchpoint-unowned"
CODE = "L104"
SEVERITY = "warning"


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    for loc, _, tp in located_touchpoints(ctx.journey):
        if tp.owner is None:
            yield ctx.finding(
                loc,
                f"touchpoint '{tp.name}' has no owner: nobody is responsible for the experience here",
                item_id=tp.id,
                hint="add owner: with the id of the responsible team",
            )
