"""
## What it does
Flags a map marked `status: validated` that lists no `evidence`.

## Why is this bad?
A validated map claims to rest on research with real customers: surveys,
interviews, analytics, support tickets. Without the evidence listed, readers
cannot tell a validated map from an assumed one, nor check how old or how
broad the research was.

## Example
```yaml
cjm: 1
id: tour-booking
title: Booking a bus tour
status: validated
stages:
  - id: research
    name: Research
```

Use instead:
```yaml
cjm: 1
id: tour-booking
title: Booking a bus tour
status: validated
stages:
  - id: research
    name: Research
evidence:
  - id: survey-2021
    kind: survey
    title: Post-booking survey, Q3 2021
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.linting.rule import RuleContext

NAME = "validated-without-evidence"
CODE = "L403"
SEVERITY = "warning"


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    if ctx.journey.status == "validated" and not ctx.journey.evidence:
        yield ctx.finding(
            ("status",),
            "the map is marked validated but lists no evidence (surveys, interviews, analytics...)",
            item_id=ctx.journey.id,
            hint="list the research under evidence:, or set status: hypothesis",
        )
