"""
## What it does
Reports a map whose `status` is `hypothesis` (also the default when the map
sets no status), as a reminder that it still needs validating.

## Why is this bad?
Hypothesis maps are a fine way to start, but the more assumed a map is, the
more it needs checking against real customers before decisions rest on it.
Once research backs it, list the evidence and mark it `validated`.
Future-state maps (`state: future`) are not reported: a journey that does not
exist yet is a hypothesis by nature.

## Example
```yaml
cjm: 1
id: tour-booking
title: Booking a bus tour
status: hypothesis
stages:
  - id: research
    name: Research
```

Use instead (once research backs the map):
```yaml
cjm: 1
id: tour-booking
title: Booking a bus tour
status: validated
stages:
  - id: research
    name: Research
evidence:
  - id: interviews-2026
    kind: interview
    title: Twelve interviews with recent travellers
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.linting.rule import RuleContext

NAME = "hypothesis-map"
CODE = "L404"
SEVERITY = "info"


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    if ctx.journey.status == "hypothesis" and ctx.journey.state == "current":
        yield ctx.finding(
            ("status",),
            "this is a hypothesis map: validate it with real customers before relying on it",
            item_id=ctx.journey.id,
        )
