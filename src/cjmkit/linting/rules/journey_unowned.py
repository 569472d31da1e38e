"""
## What it does
Flags a journey with no `owner`.

## Why is this bad?
A map without an accountable team is made once and hung on a wall. The owner
keeps it current, takes its findings to the teams involved and breaks ties
when the customer falls between departments.

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
owner: cx-team
stages:
  - id: research
    name: Research
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.linting.rule import RuleContext

NAME = "journey-unowned"
CODE = "L109"
SEVERITY = "warning"


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    if ctx.journey.owner is None:
        yield ctx.finding(
            (),
            "the journey has no owner: no team is accountable for keeping this map current and acting on it",
            item_id=ctx.journey.id,
            hint="add owner: with the id of the accountable team",
        )
