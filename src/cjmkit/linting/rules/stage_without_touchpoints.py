"""
## What it does
Flags a stage that lists no touchpoints.

## Why is this bad?
A stage without touchpoints says what the customer goes through but not where
they meet the company. Missing touchpoints are the first thing a map review
looks for: the team cannot own, measure or improve a contact it has not mapped.

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
stages:
  - id: research
    name: Research
    touchpoints:
      - id: tour-search
        name: Searches tours on the web site
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.linting.rule import RuleContext

NAME = "stage-without-touchpoints"
CODE = "L101"
SEVERITY = "warning"


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    for si, stage in enumerate(ctx.journey.stages):
        if not stage.touchpoints:
            yield ctx.finding(
                ("stages", si),
                f"stage '{stage.name}' lists no touchpoints: the map does not show where the customer "
                "meets the company in this stage",
                item_id=stage.id,
            )
