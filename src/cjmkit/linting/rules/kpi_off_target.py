"""
## What it does
Flags a KPI whose `current` value is on the wrong side of its `target`
(`direction` says whether higher or lower is better).

## Why is this bad?
It is not a mistake in the map: it is the map doing its job. An off-target
KPI is where the experience falls short of what the company set out to
deliver, and a reminder to check the opportunities meant to move it.

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
        kpis:
          - id: tour-page-exit
            name: Tour page exit rate
            target: 30
            current: 54
            direction: down
```

Use instead (once the fix has landed):
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
        kpis:
          - id: tour-page-exit
            name: Tour page exit rate
            target: 30
            current: 28
            direction: down
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.facts import kpi_status, plain_number
from cjmkit.linting.rule import RuleContext, located_kpis

NAME = "kpi-off-target"
CODE = "L308"
SEVERITY = "info"


def _number(value: float | int | None, unit: str | None) -> str:
    text = plain_number(value) if isinstance(value, float) else str(value)
    return f"{text} {unit}" if unit else text


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    for loc, _, kpi in located_kpis(ctx.journey):
        if kpi_status(kpi) == "off-target":
            better = "higher" if kpi.direction == "up" else "lower"
            yield ctx.finding(
                loc,
                f"KPI '{kpi.name}' is off target: {_number(kpi.current, kpi.unit)} against a target of "
                f"{_number(kpi.target, kpi.unit)} ({better} is better)",
                item_id=kpi.id,
            )
