"""
## What it does
Flags a touchpoint where customers feel negative (emotion at or below
`max_emotion`) but no pain point says why. Each persona's experience is
judged too: a persona that feels negative where the touchpoint has no pain
point is named.

## Why is this bad?
A negative emotion is a symptom; the pain point is the cause the team can act
on. Until the cause is named it cannot be prioritised, linked to the process
behind it, or addressed by an opportunity.

## Example
```yaml
cjm: 1
id: tour-booking
title: Booking a bus tour
stages:
  - id: before-the-trip
    name: Before the trip
    touchpoints:
      - id: itinerary-login
        name: Logs in to find the itinerary
        emotion: -1
```

Use instead:
```yaml
cjm: 1
id: tour-booking
title: Booking a bus tour
stages:
  - id: before-the-trip
    name: Before the trip
    touchpoints:
      - id: itinerary-login
        name: Logs in to find the itinerary
        emotion: -1
        pain_points:
          - id: forgotten-password
            description: Has to reset a forgotten password just to read the itinerary
            severity: medium
```
"""

from __future__ import annotations

from collections.abc import Iterator

from cjmkit.diagnostics import Diagnostic
from cjmkit.facts import touchpoint_emotion
from cjmkit.linting.rule import Option, RuleContext, emotion_text, located_experiences, located_touchpoints

NAME = "negative-emotion-without-pain-point"
CODE = "L204"
SEVERITY = "info"
OPTIONS = (Option("max_emotion", int, -1, "Emotions at or below this count as negative.", bounds=(-2, 2)),)


def check(ctx: RuleContext) -> Iterator[Diagnostic]:
    limit: int = ctx.options["max_emotion"]
    for loc, _, tp in located_touchpoints(ctx.journey):
        if tp.pain_points:
            continue
        named = 0
        for eloc, exp in located_experiences(loc, tp):
            if exp.emotion is not None and exp.emotion <= limit:
                named += 1
                yield ctx.finding(
                    eloc,
                    f"persona '{exp.persona}' feels {exp.emotion:+d} at touchpoint '{tp.name}' but no pain point "
                    "says why",
                    item_id=tp.id,
                )
        emotion = touchpoint_emotion(tp)
        # A derived mean says less than the personas' own findings: report it only when none was made.
        if emotion is not None and emotion <= limit and not (named and tp.emotion is None):
            yield ctx.finding(
                loc,
                f"customers feel {emotion_text(emotion)} at touchpoint '{tp.name}' but no pain point says why",
                item_id=tp.id,
            )
