"""
## What it does
Flags a touchpoint where the customer's and the company's rating of its
`importance` or of the company's `performance` differ by at least `min_gap`
points, unless an opportunity already addresses one of the touchpoint's pain
points. Each persona's own `importance` and `performance` (in its experience)
are set against the company's ratings too, and the finding names the persona.

## Why is this bad?
When the company rates a touchpoint as less important than customers do, or
its own performance higher than customers do, it invests in the wrong places.
These gaps between internal and external perception are what the ratings are
for.

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
        importance: {customer: 5, company: 3}
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
        importance: {customer: 5, company: 4}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.facts import PerceptionGap, experience_perception_gaps, perception_gaps, touchpoints_being_fixed
from cjmkit.linting.rule import Loc, Option, RuleContext, located_experiences, located_touchpoints

NAME = "perception-gap"
CODE = "L203"
SEVERITY = "warning"
OPTIONS = (
    Option(
        "min_gap",
        int,
        2,
        "Report when the customer's and the company's ratings differ by at least this much.",
        bounds=(0, 4),
    ),
    Option(
        "skip_when_addressed",
        bool,
        True,
        "Stay quiet when an opportunity addresses one of the touchpoint's pain points; false reports every gap.",
    ),
)


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    min_gap: int = ctx.options["min_gap"]
    fixing: set[str] | None = None if ctx.options["skip_when_addressed"] else set()
    for loc, _, tp in located_touchpoints(ctx.journey):
        # (where, who, gap): the touchpoint's own ratings, then each persona's.
        found: list[tuple[Loc, str | None, PerceptionGap]] = [
            (loc, None, gap) for gap in perception_gaps(tp) if gap.size >= min_gap
        ]
        for eloc, exp in located_experiences(loc, tp):
            found += [(eloc, exp.persona, g) for g in experience_perception_gaps(tp, exp) if g.size >= min_gap]
        if not found:
            continue
        if fixing is None:  # worked out only when a gap is found: most touchpoints have none
            fixing = touchpoints_being_fixed(ctx.journey)
        if tp.id in fixing:
            continue
        for where, persona, gap in found:
            who = f"persona '{persona}'" if persona else "customers"
            if gap.measure == "importance":
                view = "underrates" if gap.company < gap.customer else "overrates"
                meaning = f"the company {view} how much this touchpoint matters to {who}"
            else:
                view = "better" if gap.company > gap.customer else "worse"
                meaning = f"the company thinks it does {view} here than {who} experience{'s' if persona else ''}"
            yield ctx.finding(
                where,
                f"{who} rate{'s' if persona else ''} the {gap.measure} of touchpoint '{tp.name}' {gap.customer}, "
                f"the company {gap.company}: {meaning}",
                item_id=tp.id,
                aspect=gap.measure,
            )
