"""
## What it does
Flags a map whose `status` says validated while its pain points have not
changed in git for `days` days (180 by default): none added, removed or
re-rated. Off by default; it reads the map's git history, so it says nothing
for a file outside a git repository.

## Why is this bad?
A validated map claims to describe what customers experience now. Customers'
pains move as products and channels change; when nothing in the map's pains has
moved for half a year, the research behind "validated" is probably old, and
the team is fixing yesterday's problems.

## Example
Pain points last changed in a commit of 2026-01-10, linted on 2026-11-28:
```yaml
cjm: 1
id: tour-booking
title: Booking a bus tour
status: validated
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

Use instead (the team went back to customers and found a new pain):
```yaml
cjm: 1
id: tour-booking
title: Booking a bus tour
status: validated
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
          - id: no-dates
            description: Tour dates only shown after choosing a tour
            severity: medium
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.facts import pain_points_key
from cjmkit.linting.rule import Option, RuleContext

NAME = "pain-points-unchanged"
CODE = "L407"
SEVERITY = "warning"
DEFAULT_ENABLED = False
NEEDS_HISTORY = True
OPTIONS = (
    Option(
        "days",
        int,
        180,
        "How many days a validated map's pain points may stay unchanged.",
        bounds=(1, 3650),
    ),
)


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    timeline = ctx.timeline
    journey = ctx.journey
    if timeline is None or timeline.pains_since is None or journey.status != "validated":
        return
    if timeline.pains_key is not None and timeline.pains_key != pain_points_key(journey):
        return  # changed in the working copy: being updated right now
    limit: int = ctx.options["days"]
    age = (ctx.today - timeline.pains_since).days
    if age <= limit:
        return
    yield ctx.finding(
        ("status",),
        f"the map says validated, but its pain points have not changed since {timeline.pains_since} "
        f"({age} days, more than {limit})",
        item_id=journey.id,
        hint="check the pain points with customers again, or set status: to what the map is now",
    )
