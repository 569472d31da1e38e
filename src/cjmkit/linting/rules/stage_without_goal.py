"""
## What it does
Flags a stage with no `goal`.

## Why is this bad?
Each stage should say what the customer wants to achieve or feel there. The
goal is what the touchpoints of the stage are judged against; without it,
the team maps what the company does rather than what the customer needs.

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
    goal: Find a tour that fits my dates and budget
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.linting.rule import RuleContext

NAME = "stage-without-goal"
CODE = "L110"
SEVERITY = "info"


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    for si, stage in enumerate(ctx.journey.stages):
        if not stage.goal:
            yield ctx.finding(
                ("stages", si),
                f"stage '{stage.name}' does not say what the customer wants to achieve there",
                item_id=stage.id,
                hint="add goal: in the customer's words",
            )
