"""A realistic journey with a hostile string in every text field, for the hardening tests."""

from __future__ import annotations

from typing import Any

from tests.fuzz.strategies import HOSTILE_STRINGS, to_json_yaml


def hostile_journey(evil: str) -> dict[str, Any]:
    """The tour-booking journey shape, with ``evil`` written into every free-text field."""
    return {
        "cjm": 1,
        "id": "tour-booking",
        "title": evil,
        "purpose": evil,
        "owner": "web-team",
        "personas": ["trey"],
        "catalog": {
            "personas": [{"id": "trey", "name": evil, "description": evil}],
            "teams": [{"id": "web-team", "name": evil, "contact": evil}],
            "channels": [{"id": "website", "name": evil}],
            "systems": [{"id": "cms", "name": evil}],
        },
        "stages": [
            {
                "id": "research",
                "name": evil,
                "goal": evil,
                "quotes": [evil],
                "owner": "web-team",
                "touchpoints": [
                    {
                        "id": "tour-search",
                        "name": evil,
                        "description": evil,
                        "channel": "website",
                        "owner": "web-team",
                        "actions": [evil],
                        "thoughts": [evil],
                        "feelings": [evil],
                        "emotion": -2,
                        "desired_emotion": 1,
                        "moment_of_truth": True,
                        "next": ["booking-form"],
                        "backstage": [{"team": "web-team", "system": "cms", "process": evil}],
                        "pain_points": [
                            {"id": "no-filter", "description": evil, "severity": "high", "evidence": ["survey"]}
                        ],
                        "kpis": [
                            {"id": "conv", "name": evil, "unit": evil, "target": 25, "current": 12, "direction": "up"}
                        ],
                    },
                    {"id": "booking-form", "name": evil, "channel": "website", "emotion": 1},
                ],
            }
        ],
        "opportunities": [
            {"id": "add-filters", "title": evil, "addresses": ["no-filter"], "owner": "web-team", "kpis": ["conv"]}
        ],
        "evidence": [{"id": "survey", "kind": "survey", "title": evil, "url": "https://example.com/survey?q=<script>"}],
    }


def hostile_yaml(evil: str) -> str:
    # JSON is YAML, with every character escaped: the file holds exactly ``evil``.
    return to_json_yaml(hostile_journey(evil))


#: One string per kind of attack (the full list lives with the fuzz strategies).
ATTACKS = [s for s in HOSTILE_STRINGS if len(s) < 200]
