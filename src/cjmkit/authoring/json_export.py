"""``cjm export json``: the validated model, for other tools."""

from __future__ import annotations

import json

from cjmkit.model.journey import Journey


def journey_to_json(journey: Journey) -> str:
    """Every field, defaults included, so a consumer never has to know the format's defaults."""
    return json.dumps(journey.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
