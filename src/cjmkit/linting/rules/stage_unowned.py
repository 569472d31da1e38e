"""
## What it does
Flags a stage with no `owner`.

## Why is this bad?
Departments work in silos and the customer falls between them. A stage with a
named owning team has someone who answers for the experience there and can
break ties between the teams involved.

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
    owner: marketing
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.linting.rule import RuleContext

NAME = "stage-unowned"
CODE = "L103"
SEVERITY = "warning"


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    for si, stage in enumerate(ctx.journey.stages):
        if stage.owner is None:
            yield ctx.finding(
                ("stages", si),
                f"stage '{stage.name}' has no owner: no team answers for the customer's experience here",
                item_id=stage.id,
                hint="add owner: with the id of the responsible team",
            )
