"""
## What it does
When the workspace has a scoring model (`scoring:` in `cjm.yaml`), flags an open
opportunity (`idea`, `planned` or `in-progress`) whose `scores:` are missing or lack
one of the model's fields.

## Why is this bad?
`cjm plan` ranks the workspace's backlog by score. An unscored opportunity sinks to
the bottom of the plan whatever it is worth, and the people who decide never compare
it with the rest. Done and dropped opportunities need no score.

## Example
```yaml
# cjm.yaml has: scoring: {model: value-effort}
cjm: 1
id: tour-booking
title: Booking a bus tour
stages:
  - id: research
    name: Research
opportunities:
  - id: add-filters
    title: Add filters to the tour page
    status: planned
    scores: {value: 4}
```

Use instead:
```yaml
# cjm.yaml has: scoring: {model: value-effort}
cjm: 1
id: tour-booking
title: Booking a bus tour
stages:
  - id: research
    name: Research
opportunities:
  - id: add-filters
    title: Add filters to the tour page
    status: planned
    scores: {value: 4, effort: 2}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.linting.rule import RuleContext
from cjmkit.scoring import model_of

NAME = "opportunity-unscored"
CODE = "L311"
SEVERITY = "warning"

OPEN = ("idea", "planned", "in-progress")


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    if ctx.scoring is None:
        return
    model = model_of(ctx.scoring)
    for oi, opp in enumerate(ctx.journey.opportunities):
        if opp.status not in OPEN:
            continue
        missing = [name for name in model.fields if name not in opp.scores]
        if not missing:
            continue
        if len(missing) == len(model.fields):
            message = f"opportunity '{opp.title}' has no scores: cjm plan cannot rank it by the {model.name} model"
        else:
            message = f"opportunity '{opp.title}' has no {', '.join(missing)} score: it is left unscored"
        yield ctx.finding(
            ("opportunities", oi),
            message,
            item_id=opp.id,
            hint=f"add scores: {{{', '.join(f'{name}: ...' for name in model.fields)}}}",
        )
