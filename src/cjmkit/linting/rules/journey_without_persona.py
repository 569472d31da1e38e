"""
## What it does
Flags a journey whose `personas` list is empty or missing.

## Why is this bad?
A map is made for someone: the team first defines the persona, then maps that
persona's touchpoints and feelings. Segments differ, and so do their journeys;
a map for "everyone" hides those differences.

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
personas: [trey]
stages:
  - id: research
    name: Research
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.linting.rule import RuleContext

NAME = "journey-without-persona"
CODE = "L106"
SEVERITY = "warning"


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    if not ctx.journey.personas:
        yield ctx.finding(
            ("personas",),
            "the journey names no persona: say whom this map is for",
            key=True,
            item_id=ctx.journey.id,
            hint="add personas: with the ids of the personas the journey is for",
        )
