"""
## What it does
Flags a touchpoint whose personas feel it at least `min_spread` points apart
(their `experiences`) when the persona who feels worst lists no pain point
that explains it.

## Why is this bad?
The map averages away a split experience. A touchpoint where one persona is
calm and another furious reads as "fine" on the overall curve; until the
worse persona's pain point is named, nobody can act on what makes the
difference.

## Example
```yaml
cjm: 1
id: client-reporting
title: Reporting to clients
personas: [social-manager, agency-director]
stages:
  - id: report
    name: Report
    touchpoints:
      - id: report-export
        name: Exports a report for the client
        experiences:
          - persona: social-manager
            emotion: -2
          - persona: agency-director
            emotion: 1
```

Use instead:
```yaml
cjm: 1
id: client-reporting
title: Reporting to clients
personas: [social-manager, agency-director]
stages:
  - id: report
    name: Report
    touchpoints:
      - id: report-export
        name: Exports a report for the client
        pain_points:
          - id: export-cap
            description: The export stops at 1,000 rows
            severity: high
        experiences:
          - persona: social-manager
            emotion: -2
            pain_points: [export-cap]
          - persona: agency-director
            emotion: 1
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.linting.rule import Option, RuleContext, located_experiences, located_touchpoints

NAME = "split-experience"
CODE = "L205"
SEVERITY = "warning"
OPTIONS = (
    Option(
        "min_spread",
        int,
        3,
        "Report when the best and the worst persona's emotions are at least this many points apart.",
        bounds=(1, 4),
    ),
)


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    min_spread: int = ctx.options["min_spread"]
    for loc, _, tp in located_touchpoints(ctx.journey):
        felt = [(eloc, exp) for eloc, exp in located_experiences(loc, tp) if exp.emotion is not None]
        if len(felt) < 2:
            continue
        best = max(felt, key=lambda item: item[1].emotion or 0)[1]
        worst_loc, worst = min(felt, key=lambda item: item[1].emotion or 0)
        spread = (best.emotion or 0) - (worst.emotion or 0)
        if spread < min_spread or worst.pain_points:
            continue
        yield ctx.finding(
            worst_loc,
            f"persona '{worst.persona}' feels {worst.emotion:+d} at touchpoint '{tp.name}' where "
            f"'{best.persona}' feels {best.emotion:+d}, and no pain point says why: the map averages away "
            "a split experience",
            item_id=tp.id,
            hint=f"list the pain points '{worst.persona}' has in its experience (pain_points: [...])",
        )
