"""
## What it does
Flags a pain point of a serious severity (by default `high` or `critical`)
that no opportunity addresses, or only dropped ones do.

## Why is this bad?
Finding and prioritising pain points is only useful if the serious ones are
turned into solutions with the people who must act. A high pain point with no
opportunity is a known problem with no plan.

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
        pain_points:
          - id: no-filter
            description: No filter by country, price or number of days
            severity: high
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
        pain_points:
          - id: no-filter
            description: No filter by country, price or number of days
            severity: high
opportunities:
  - id: add-filters
    title: Add filters to the tour page
    addresses: [no-filter]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.facts import unaddressed_pains
from cjmkit.linting.rule import Option, RuleContext, located_pain_points
from cjmkit.model.journey import SEVERITY_ORDER

NAME = "pain-point-unaddressed"
CODE = "L302"
SEVERITY = "warning"
OPTIONS = (
    Option(
        "severities",
        list,
        ["high", "critical"],
        "The pain point severities that need an opportunity addressing them.",
        choices=tuple(SEVERITY_ORDER),
    ),
)


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    severities = ctx.options["severities"]
    if not any(pp.severity in severities for _, _, pp in ctx.journey.iter_pain_points()):
        return
    pending = {r.pain_point.id: r for r in unaddressed_pains(ctx.journey, severities)}
    if not pending:
        return
    for loc, tp, pp in located_pain_points(ctx.journey):
        ranked = pending.get(pp.id)
        if ranked is None:
            continue
        why = "only dropped opportunities address it" if ranked.addressed_by else "no opportunity addresses it"
        yield ctx.finding(
            loc,
            f"{pp.severity} pain point '{pp.id}' at touchpoint '{tp.name}' has no plan: {why}",
            item_id=pp.id,
            hint="add an opportunity with addresses: [" + pp.id + "]",
        )
