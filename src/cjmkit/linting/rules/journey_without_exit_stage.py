"""
## What it does
Flags a journey where no stage has `phase: exit`.

## Why is this bad?
A journey map must also cover ending the relationship: cancelling, closing an
account, switching provider. It is easy to leave out, and handling it well can
still turn a bad experience around. Only strategic maps (`view: strategic`,
the default) are checked: tactical and performance maps zoom into part of a
journey on purpose.

## Example
```yaml
cjm: 1
id: tour-booking
title: Booking a bus tour
stages:
  - id: booking
    name: Booking
    phase: acquisition
```

Use instead:
```yaml
cjm: 1
id: tour-booking
title: Booking a bus tour
stages:
  - id: booking
    name: Booking
    phase: acquisition
  - id: leaving
    name: Cancelling or leaving
    phase: exit
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.linting.rule import RuleContext

NAME = "journey-without-exit-stage"
CODE = "L405"
SEVERITY = "info"


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    if ctx.journey.view != "strategic":
        return
    if not any(stage.phase == "exit" for stage in ctx.journey.stages):
        yield ctx.finding(
            ("stages",),
            "no stage covers ending the relationship (phase: exit): cancelling, leaving or switching provider",
            key=True,
            item_id=ctx.journey.id,
        )
