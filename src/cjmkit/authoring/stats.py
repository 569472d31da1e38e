"""``cjm stats``: the portfolio view - which journeys need attention first, and who carries the load."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from cjmkit import facts
from cjmkit.model.journey import Journey

KPI_STATES = ("on-target", "off-target", "no-data", "no-target")


@dataclass
class JourneyStats:
    id: str
    title: str
    path: str
    stages: int
    touchpoints: int
    personas: int
    pains: dict[str, int]
    unaddressed_high: int
    average_emotion: float | None
    average_emotion_gap: float | None
    kpis: dict[str, int]
    stale: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "path": self.path,
            "stages": self.stages,
            "touchpoints": self.touchpoints,
            "personas": self.personas,
            "pain_points": self.pains,
            "unaddressed_high_or_critical": self.unaddressed_high,
            "average_emotion": _round(self.average_emotion),
            "average_emotion_gap": _round(self.average_emotion_gap),
            "kpis": self.kpis,
            "stale": self.stale,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


@dataclass
class Portfolio:
    journeys: list[JourneyStats] = field(default_factory=list)
    teams: dict[str, dict[str, int]] = field(default_factory=dict)
    totals: dict[str, Any] = field(default_factory=dict)
    personas: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Per persona with experiences: the journeys it appears in, its experiences, average emotion and gap."""

    def to_dict(self) -> dict[str, Any]:
        out = {"journeys": [j.to_dict() for j in self.journeys], "total": self.totals, "teams": self.teams}
        if self.personas:
            out["personas"] = self.personas
        return out


def journey_stats(journey: Journey, path: str, today: dt.date | None = None) -> JourneyStats:
    personas = set(journey.personas)
    for _, _, _, tp in journey.iter_touchpoints():
        personas.update(tp.personas)
    kpi_counts = Counter(facts.kpi_status(k) for _, _, k in journey.iter_kpis())
    return JourneyStats(
        id=journey.id,
        title=journey.title,
        path=path,
        stages=len(journey.stages),
        touchpoints=sum(1 for _ in journey.iter_touchpoints()),
        personas=len(personas),
        pains=facts.pains_by_severity(journey),
        unaddressed_high=len(facts.unaddressed_pains(journey)),
        average_emotion=facts.average_emotion(journey),
        average_emotion_gap=facts.average_emotion_gap(journey),
        kpis={s: kpi_counts.get(s, 0) for s in KPI_STATES},  # type: ignore[call-overload]
        stale=facts.is_stale(journey, today),
    )


def _weighted_mean(pairs: list[tuple[float | None, int]]) -> float | None:
    """A mean over all touchpoints, not a mean of journey means (a big map counts more)."""
    num = sum(v * n for v, n in pairs if v is not None)
    den = sum(n for v, n in pairs if v is not None)
    return num / den if den else None


def portfolio(journeys: list[tuple[Journey, str]], today: dt.date | None = None) -> Portfolio:
    """Stats per journey, in total, and per team."""
    out = Portfolio(journeys=[journey_stats(j, p, today) for j, p in journeys])
    models = [j for j, _ in journeys]
    emotion_counts = [len(facts.touchpoint_emotions(j)) for j in models]
    gap_counts = [sum(1 for _, _, _, tp in j.iter_touchpoints() if facts.emotion_gap(tp) is not None) for j in models]
    stats = out.journeys
    all_personas: set[str] = set()
    for j in models:
        all_personas.update(j.personas)
        for _, _, _, tp in j.iter_touchpoints():
            all_personas.update(tp.personas)
    out.totals = {
        "journeys": len(stats),
        "stages": sum(s.stages for s in stats),
        "touchpoints": sum(s.touchpoints for s in stats),
        "personas": len(all_personas),
        "pain_points": {k: sum(s.pains[k] for s in stats) for k in (stats[0].pains if stats else {})},
        "unaddressed_high_or_critical": sum(s.unaddressed_high for s in stats),
        "average_emotion": _round(
            _weighted_mean([(s.average_emotion, n) for s, n in zip(stats, emotion_counts, strict=True)])
        ),
        "average_emotion_gap": _round(
            _weighted_mean([(s.average_emotion_gap, n) for s, n in zip(stats, gap_counts, strict=True)])
        ),
        "kpis": {k: sum(s.kpis[k] for s in stats) for k in KPI_STATES},
        "stale": sum(1 for s in stats if s.stale),
    }
    for persona, figures in facts.persona_figures(models).items():
        out.personas[persona] = {
            "journeys": len(figures.journeys),
            "emotions": len(figures.emotions),
            "average_emotion": _round(figures.average_emotion),
            "average_emotion_gap": _round(figures.average_gap),
        }
    for team, load in facts.team_load(models).items():
        out.teams[team] = {
            "journeys": len(load.journeys),
            "stages": len(load.stages),
            "touchpoints": len(load.touchpoints),
            "kpis": len(load.kpis),
            "opportunities": len(load.opportunities),
            "backstage": len(load.backstage),
            "total": load.total,
        }
    return out


# -- presentation -------------------------------------------------------------------

JOURNEY_HEADERS = (
    "Journey",
    "Stages",
    "Touchpoints",
    "Personas",
    "Pains (crit/high/med/low)",
    "Unaddressed high+",
    "Avg emotion",
    "Avg gap",
    "KPIs on/off/no data",
    "Stale",
)
PERSONA_HEADERS = ("Persona", "Journeys", "Emotions recorded", "Avg emotion", "Avg gap")
PERSONA_TITLE = "Emotion per persona, from the experiences recorded across the journeys"
TEAM_HEADERS = ("Team", "Journeys", "Stages", "Touchpoints", "KPIs", "Opportunities", "Backstage", "Total")
#: What the team table counts, and what its Total adds up.
TEAM_NOTE = "what each team owns, and the touchpoints it works behind (Backstage); Total is the sum of the row"
TEAM_TITLE = f"Load per team: {TEAM_NOTE}"


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:+.2f}"


def _row(name: str, s: dict[str, Any]) -> list[str]:
    p = s["pain_points"]
    k = s["kpis"]
    stale = s["stale"]
    return [
        name,
        str(s["stages"]),
        str(s["touchpoints"]),
        str(s["personas"]),
        f"{p.get('critical', 0)}/{p.get('high', 0)}/{p.get('medium', 0)}/{p.get('low', 0)}",
        str(s["unaddressed_high_or_critical"]),
        _num(s["average_emotion"]),
        _num(s["average_emotion_gap"]),
        f"{k['on-target']}/{k['off-target']}/{k['no-data']}",
        ("yes" if stale else "no") if isinstance(stale, bool) else str(stale),
    ]


def journey_rows(p: Portfolio) -> list[list[str]]:
    rows = [_row(j.id, j.to_dict()) for j in p.journeys]
    rows.append(_row("Total", p.totals))
    return rows


def team_rows(p: Portfolio) -> list[list[str]]:
    return [
        [
            team,
            *(str(v[k]) for k in ("journeys", "stages", "touchpoints", "kpis", "opportunities", "backstage", "total")),
        ]
        for team, v in sorted(p.teams.items(), key=lambda kv: (-kv[1]["total"], kv[0]))
    ]


def persona_rows(p: Portfolio) -> list[list[str]]:
    return [
        [
            persona,
            str(v["journeys"]),
            str(v["emotions"]),
            _num(v["average_emotion"]),
            _num(v["average_emotion_gap"]),
        ]
        for persona, v in p.personas.items()
    ]


def _plain_table(headers: tuple[str, ...], rows: list[list[str]]) -> str:
    from cjmkit.textsafety import printable

    rows = [[printable(c, one_line=True) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines)


def to_text(p: Portfolio) -> str:
    personas = f"\n\n{PERSONA_TITLE}\n" + _plain_table(PERSONA_HEADERS, persona_rows(p)) if p.personas else ""
    return (
        _plain_table(JOURNEY_HEADERS, journey_rows(p))
        + personas
        + f"\n\n{TEAM_TITLE}\n"
        + _plain_table(TEAM_HEADERS, team_rows(p))
        + "\n"
    )


def _md_table(headers: tuple[str, ...], rows: list[list[str]]) -> str:
    def cell(text: str) -> str:
        from cjmkit.textsafety import inert_references

        return inert_references(text).replace("|", "\\|")

    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(cell(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def to_markdown(p: Portfolio) -> str:
    personas = (
        f"\n\n## Personas\n\n{PERSONA_TITLE}.\n\n" + _md_table(PERSONA_HEADERS, persona_rows(p)) if p.personas else ""
    )
    return (
        "## Journeys\n\n"
        + _md_table(JOURNEY_HEADERS, journey_rows(p))
        + personas
        + f"\n\n## Load per team\n\n{TEAM_NOTE[0].upper()}{TEAM_NOTE[1:]}.\n\n"
        + _md_table(TEAM_HEADERS, team_rows(p))
        + "\n"
    )
