"""
## What it does
Flags a journey that lacks a channel or a lifecycle phase the workspace
requires of every journey, for example an `email` touchpoint or an `exit` stage.

## Why is this bad?
Some contacts are easy to forget because nobody thinks of them as part of "the
journey": the confirmation e-mail, the call to cancel. Ending the relationship
is where a bad experience can still be turned around. A workspace that requires
them makes every map cover them. The rule finds nothing until the workspace
sets `channels` or `phases` in its options. Only strategic maps (`view:
strategic`, the default) are checked: tactical and performance maps zoom into
part of a journey on purpose.

## Example
With `lint: {options: {missing-required-touchpoint: {phases: [exit]}}}` in
`cjm.yaml`:
```yaml
cjm: 1
id: tour-booking
title: Booking a bus tour
stages:
  - id: booking
    name: Booking
    phase: acquisition
```

Use instead:
```yaml
cjm: 1
id: tour-booking
title: Booking a bus tour
stages:
  - id: booking
    name: Booking
    phase: acquisition
  - id: leaving
    name: Cancelling or leaving
    phase: exit
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.linting.rule import Option, RuleContext

NAME = "missing-required-touchpoint"
CODE = "L102"
SEVERITY = "warning"
OPTIONS = (
    Option("channels", list, [], "Channel ids every journey must have a touchpoint on."),
    Option("phases", list, [], "Stage phases every journey must cover, for example exit."),
)
EXAMPLE_OPTIONS = {"phases": ["exit"]}


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    journey = ctx.journey
    if journey.view != "strategic":
        return
    channels = {tp.channel for _, _, _, tp in journey.iter_touchpoints() if tp.channel}
    phases = {stage.phase for stage in journey.stages if stage.phase}
    for channel in ctx.options["channels"]:
        if channel not in channels:
            yield ctx.finding(
                ("stages",),
                f"the journey has no touchpoint on the '{channel}' channel, which this workspace requires "
                "of every journey",
                key=True,
                item_id=journey.id,
            )
    for phase in ctx.options["phases"]:
        if phase not in phases:
            yield ctx.finding(
                ("stages",),
                f"the journey has no stage in the '{phase}' phase, which this workspace requires of every journey",
                key=True,
                item_id=journey.id,
            )
