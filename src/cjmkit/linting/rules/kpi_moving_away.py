"""
## What it does
Flags a KPI that has moved further from its target at each of its last
`measurements` committed values (3 by default), and is off target now.
Off by default; it reads the map's git history, so it says nothing for a file
outside a git repository.

## Why is this bad?
One off-target value may be noise; a KPI that gets worse measurement after
measurement is a trend. The opportunities meant to move it are not working,
or nobody is looking: either way the team should know before the next review.

## Example
A KPI committed three times: 30, then 36, then 41 against a target of 25
(lower is better), so each measurement is further from the target:
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
            target: 25
            current: 41
            direction: down
```

Use instead (the fix landed and the next measurement, 33, is closer):
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
            target: 25
            current: 33
            direction: down
```
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from cjmkit.diagnostics import Diagnostic
from cjmkit.facts import kpi_shortfall, plain_number
from cjmkit.linting.rule import Option, RuleContext, located_kpis
from cjmkit.linting.timeline import Measurement

NAME = "kpi-moving-away-from-target"
CODE = "L312"
SEVERITY = "warning"
DEFAULT_ENABLED = False
NEEDS_HISTORY = True
OPTIONS = (
    Option(
        "measurements",
        int,
        3,
        "How many of the latest committed values must each be further from the target than the one before.",
        bounds=(2, 100),
    ),
)


def _number(value: float, unit: str | None) -> str:
    text = plain_number(value)
    return f"{text} {unit}" if unit else text


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    if ctx.timeline is None:
        return
    count: int = ctx.options["measurements"]
    for loc, _, kpi in located_kpis(ctx.journey):
        series: tuple[Measurement, ...] = ctx.timeline.kpis.get(kpi.id, ())
        last = series[-count:]
        if len(last) < count:
            continue
        if last[-1].value != kpi.current or last[-1].target != kpi.target:
            continue  # the file already says otherwise (a fix not yet committed): judge it once it is

        gaps = [kpi_shortfall(m.value, m.target, kpi.direction) for m in last]
        if gaps[-1] == 0 or any(b <= a for a, b in pairwise(gaps)):
            continue
        values = ", ".join(f"{_number(m.value, kpi.unit)} ({m.day})" for m in last)
        target = last[-1].target
        assert target is not None  # a shortfall needs a target
        better = "higher" if kpi.direction == "up" else "lower"
        yield ctx.finding(
            loc,
            f"KPI '{kpi.name}' has moved away from its target of {_number(target, kpi.unit)} ({better} is better) "
            f"over its last {count} measurements: {values}",
            item_id=kpi.id,
            hint="check the opportunities meant to move this KPI",
        )
