"""Realistic journeys for the rendering tests, built in code."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cjmkit.loader import parse
from cjmkit.model.catalog import Catalog
from cjmkit.model.journey import Journey
from cjmkit.rendering.engine import system_dot
from cjmkit.validation import validate_document
from cjmkit.validation.workspace_file import load_workspace
from cjmkit.workspace import Workspace

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
TOUR = EXAMPLES / "journeys" / "tour-booking.cjm.yaml"
GOLDEN = Path(__file__).resolve().parent / "golden" / "render"

#: Text that has broken renderers before: markup, quotes, escapes, DOT and Mermaid syntax, script URLs.
HOSTILE = (
    '<script>alert("x")</script> "quoted" \\N back\\slash {braces} | pipe <b>bold</b>\n'
    "second line %%{init: {'theme':'dark'}}%% javascript:alert(1) a: b; c # d ` e [link](javascript:x) &amp;"
)


def engines() -> list[str]:
    """The layout engines on this machine: always the built-in Graphviz, the system one when installed."""
    return ["embedded", *(["system"] if system_dot() else [])]


def example_workspace() -> Workspace:
    return load_workspace(EXAMPLES)


def load_journey(path: Path = TOUR) -> tuple[Journey, Catalog]:
    ws = example_workspace()
    from cjmkit.validation import validate_file

    result = validate_file(path, ws)
    assert result.journey is not None and result.valid, result.diagnostics
    return result.journey, ws.catalog.merged_with(result.journey.catalog)


def journey_from_yaml(text: str, workspace: Workspace | None = None) -> Journey:
    result = validate_document(parse(text, "test.cjm.yaml"), workspace)
    assert result.journey is not None and result.valid, [d.message for d in result.diagnostics]
    return result.journey


def big_journey_yaml(touchpoints: int = 500, per_stage: int = 10) -> str:
    """A large, realistic map: every touchpoint with emotions, actions, backstage, some pains and KPIs.

    Written as JSON, which is also YAML."""
    import json

    return json.dumps(big_journey_data(touchpoints, per_stage), indent=1)


def big_journey_data(touchpoints: int = 500, per_stage: int = 10) -> dict[str, Any]:
    stages: list[dict[str, Any]] = []
    opportunities: list[dict[str, Any]] = []
    n = 0
    severities = ["low", "medium", "high", "critical"]
    while n < touchpoints:
        s = len(stages)
        tps: list[dict[str, Any]] = []
        for _ in range(min(per_stage, touchpoints - n)):
            tp: dict[str, Any] = {
                "id": f"tp-{n}",
                "name": f"Step {n}: customer checks the order status online",
                "channel": ["website", "email", "phone", "app"][n % 4],
                "owner": ["web-team", "support", "sales"][n % 3],
                "actions": ["Opens the page", "Reads the details"],
                "thoughts": ["Is this going to work?"],
                "feelings": ["Unsure"],
                "emotion": (n % 5) - 2,
                "desired_emotion": min(2, (n % 5) - 1),
                "importance": {"customer": 1 + n % 5, "company": 1 + (n + 2) % 5},
                "moment_of_truth": n % 17 == 0,
                "next": [f"tp-{n + 1}"] if n + 1 < touchpoints else [],
                "backstage": [{"team": "support", "system": "crm", "process": "Ticket triage"}],
            }
            if n % 4 == 0:
                tp["pain_points"] = [
                    {
                        "id": f"pain-{n}",
                        "description": f"Status page {n} is out of date",
                        "severity": severities[n % 4 if n % 8 else 3],
                    }
                ]
                if n % 8 == 0:
                    opportunities.append(
                        {
                            "id": f"fix-{n}",
                            "title": f"Fix status page {n}",
                            "addresses": [f"pain-{n}"],
                            "owner": "web-team",
                            "status": "planned",
                            "priority": 1 + n % 3,
                        }
                    )
            if n % 10 == 0:
                tp["kpis"] = [
                    {
                        "id": f"kpi-{n}",
                        "name": f"Resolution rate {n}",
                        "unit": "percent",
                        "target": 80,
                        "current": 50 + n % 40,
                        "direction": "up",
                        "owner": "support",
                    }
                ]
            tps.append(tp)
            n += 1
        stages.append(
            {
                "id": f"stage-{s}",
                "name": f"Stage {s}",
                "owner": "support",
                "goal": "Get it done",
                "quotes": ["It took far too long."],
                "touchpoints": tps,
            }
        )
    return {
        "cjm": 1,
        "id": "big-map",
        "title": "A very large journey",
        "status": "validated",
        "owner": "cx-team",
        "updated": "2026-10-01",
        "review_every": 90,
        "personas": ["trey"],
        "stages": stages,
        "opportunities": opportunities,
        "evidence": [{"id": "tickets", "kind": "support", "title": "Support tickets"}],
    }
