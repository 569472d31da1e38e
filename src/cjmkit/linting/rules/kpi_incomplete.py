"""
## What it does
Flags a KPI that lacks a `target`, an `owner` or a `cadence` (the fields in
the `require` option).

## Why is this bad?
A KPI is only useful when it says what success looks like (the target), who
checks it (the owner) and how often (the cadence), like "e-mail open rate,
35%, checked weekly by marketing". A number nobody owns or reviews is not
tracked.

## Example
```yaml
cjm: 1
id: tour-booking
title: Booking a bus tour
stages:
  - id: research
    name: Research
    touchpoints:
      - id: newsletter
        name: Reads the monthly newsletter
        kpis:
          - id: newsletter-open-rate
            name: Newsletter open rate
            target: 35
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
      - id: newsletter
        name: Reads the monthly newsletter
        kpis:
          - id: newsletter-open-rate
            name: Newsletter open rate
            target: 35
            cadence: weekly
            owner: marketing
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.linting.rule import Option, RuleContext, located_kpis

NAME = "kpi-incomplete"
CODE = "L307"
SEVERITY = "warning"
OPTIONS = (
    Option(
        "require",
        list,
        ["target", "owner", "cadence"],
        "The KPI fields that must be filled in.",
        choices=("target", "current", "owner", "cadence", "unit"),
    ),
)


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    required: list[str] = ctx.options["require"]
    for loc, _, kpi in located_kpis(ctx.journey):
        missing = [name for name in required if getattr(kpi, name) is None]
        if missing:
            yield ctx.finding(
                loc,
                f"KPI '{kpi.name}' has no {_join(missing)}",
                item_id=kpi.id,
            )


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
