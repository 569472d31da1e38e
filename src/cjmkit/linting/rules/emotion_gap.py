"""
## What it does
Flags a touchpoint where the desired emotion is at least `min_gap` points
above the observed one, unless an opportunity already addresses one of the
touchpoint's pain points (the team is acting on it). Each persona's
experience is judged too (its own `desired_emotion`, else the touchpoint's),
and the finding names the persona.

## Why is this bad?
The gap between what customers expect and what they experience is what
leaders must see. A large gap that no pain point or opportunity deals with is
a known problem nobody is working on.

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
        emotion: -2
        desired_emotion: 1
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
        emotion: -2
        desired_emotion: 1
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
from cjmkit.facts import emotion_gap, experience_desired, experience_gap, touchpoint_emotion, touchpoints_being_fixed
from cjmkit.linting.rule import Option, RuleContext, emotion_text, located_experiences, located_touchpoints

NAME = "emotion-gap"
CODE = "L202"
SEVERITY = "warning"
OPTIONS = (
    Option(
        "min_gap",
        int,
        2,
        "Report when the desired emotion is at least this many points above the observed one.",
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
    hint = "name the cause as a pain point and add an opportunity that addresses it"
    for loc, _, tp in located_touchpoints(ctx.journey):
        gap = emotion_gap(tp)
        persona_gaps = [
            (eloc, exp, g) for eloc, exp in located_experiences(loc, tp) if (g := experience_gap(tp, exp)) is not None
        ]
        if (gap is None or gap < min_gap) and not any(g >= min_gap for _, _, g in persona_gaps):
            continue
        if fixing is None:  # worked out only when a gap is found: most touchpoints have none
            fixing = touchpoints_being_fixed(ctx.journey)
        if tp.id in fixing:
            continue
        named = 0
        for eloc, exp, pgap in persona_gaps:
            if pgap >= min_gap:
                named += 1
                yield ctx.finding(
                    eloc,
                    f"persona '{exp.persona}' feels {emotion_text(exp.emotion or 0)} at touchpoint '{tp.name}' where "
                    f"{emotion_text(experience_desired(tp, exp) or 0)} is wanted (a gap of {pgap}), and no "
                    "opportunity addresses it",
                    item_id=tp.id,
                    hint=hint,
                )
        emotion = touchpoint_emotion(tp)
        # A derived mean says less than the personas' own findings: report it only when none was made.
        if gap is not None and gap >= min_gap and emotion is not None and not (named and tp.emotion is None):
            yield ctx.finding(
                loc,
                f"customers feel {emotion_text(emotion)} at touchpoint '{tp.name}' where "
                f"{emotion_text(tp.desired_emotion or 0)} is wanted (a gap of {emotion_text(gap).lstrip('+')}), "
                "and no opportunity addresses it",
                item_id=tp.id,
                hint=hint,
            )
