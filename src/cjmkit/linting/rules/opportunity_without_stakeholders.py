"""
## What it does
Flags an opportunity that lists no `stakeholders`.

## Why is this bad?
Most fixes cross departments: to add tour filters, HR hires a webmaster, the
web team onboards them and the tour planners supply the tags. Naming the
stakeholders up front is what turns a good idea into work the right people
have agreed to do.

## Example
```yaml
cjm: 1
id: tour-booking
title: Booking a bus tour
stages:
  - id: research
    name: Research
opportunities:
  - id: add-filters
    title: Add filters to the tour page
    owner: web-team
```

Use instead:
```yaml
cjm: 1
id: tour-booking
title: Booking a bus tour
stages:
  - id: research
    name: Research
opportunities:
  - id: add-filters
    title: Add filters to the tour page
    owner: web-team
    stakeholders: [tour-planning, design]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.linting.rule import RuleContext

NAME = "opportunity-without-stakeholders"
CODE = "L310"
SEVERITY = "info"


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    for oi, opp in enumerate(ctx.journey.opportunities):
        if not opp.stakeholders and opp.status != "dropped":
            yield ctx.finding(
                ("opportunities", oi),
                f"opportunity '{opp.title}' names no stakeholders: who else must act for it to happen?",
                item_id=opp.id,
            )
