"""Generate realistic journey maps for the benchmarks, always the same for a given seed.

A corpus is a workspace folder: a ``cjm.yaml`` with a shared catalog and
``journeys/*.cjm.yaml`` maps that use the whole format (stages, touchpoints with
emotions, ratings, backstage, pain points, KPIs, opportunities, evidence, ``next``
links, journey-local catalogs, tactical maps that focus on another map).  Every
generated map is valid: ``--check`` runs ``cjm validate`` on the result to prove it.

With ``--experiences N`` every touchpoint gets N persona experiences (the journey
lists at least N personas); the rest of each map is what it would be without them.

With ``--history`` the workspace becomes a git repository with a few commits,
each changing about ten maps the way a team would (emotions re-measured, a
touchpoint renamed, added or removed, KPIs updated...), for ``cjm diff``.

Examples::

    python benchmarks/corpus.py bench-corpus --maps 1000 --kb 20-60
    python benchmarks/corpus.py one-map --maps 1 --kb 6-6 --check
    python benchmarks/corpus.py big-map --maps 1 --touchpoints 2000-2000
    python benchmarks/corpus.py with-history --maps 100 --kb 20-60 --history 3
    python benchmarks/corpus.py personas --maps 1000 --kb 20-60 --experiences 3
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# --------------------------------------------------------------------------
# Vocabulary.  Kept small but varied enough that maps do not look alike.

PERSONAS = [
    ("trey", "Trey Weller", "Retired teacher planning a first big trip", "b2c"),
    ("procurement-lead", "Priya, procurement lead", "Runs tenders for a hospital group", "b2b"),
    ("site-engineer", "Sam, site engineer", "Installs and maintains the equipment", "b2b"),
    ("social-manager", "Sofia, social media manager", "Runs the brand's social accounts", "smb"),
    ("agency-director", "Diego, agency director", "Manages social for twenty clients", "agency"),
    ("new-hire", "Nadia, new hire", "Joins the customer success team", "employee"),
    ("young-family", "The Okafors", "Two working parents with a toddler, short on time", "b2c"),
    ("student", "Léa, student", "First bank account away from home", "b2c"),
    ("small-business", "Tomás, café owner", "Runs a café with six staff", "smb"),
    ("it-buyer", "Grace, IT buyer", "Buys software for a 2,000-person insurer", "b2b"),
]

TEAMS = [
    ("cx-team", "Customer experience"),
    ("marketing", "Marketing"),
    ("web-team", "Web team"),
    ("sales", "Sales"),
    ("support", "Customer support"),
    ("billing-team", "Finance and billing"),
    ("product", "Product"),
    ("onboarding", "Customer onboarding"),
    ("success", "Customer success"),
    ("logistics", "Logistics"),
    ("legal", "Legal and compliance"),
    ("hr", "Human resources"),
    ("it", "IT"),
    ("design", "Design"),
    ("data", "Data and analytics"),
    ("field-service", "Field service"),
]

CHANNELS = [
    ("website", "Web site"),
    ("email", "E-mail"),
    ("phone", "Phone"),
    ("in-person", "In person"),
    ("app", "Mobile app"),
    ("social", "Social media"),
    ("portal", "Customer portal"),
    ("chat", "Live chat"),
    ("letter", "Letter"),
    ("partner", "Partner or reseller"),
]

SYSTEMS = [
    ("cms", "Site platform"),
    ("crm", "CRM"),
    ("erp", "ERP and invoicing"),
    ("ticketing", "Support ticketing"),
    ("marketing-platform", "Marketing automation platform"),
    ("booking-engine", "Booking engine"),
    ("payments", "Payment gateway"),
    ("identity", "Login and identity"),
    ("warehouse", "Warehouse management"),
    ("billing", "Subscription billing"),
    ("telephony", "Call-centre telephony"),
    ("hris", "HR information system"),
    ("data-warehouse", "Data warehouse"),
]

DOMAINS = [
    ("Booking a cross-country bus tour", "b2c", "tour"),
    ("Opening a current account", "b2c", "account"),
    ("Buying and installing imaging equipment", "b2b", "equipment"),
    ("Trying and buying a social media tool", "smb", "subscription"),
    ("Switching broadband provider", "b2c", "broadband"),
    ("Claiming on home insurance", "b2c", "claim"),
    ("Ordering furniture online", "b2c", "order"),
    ("Renewing a software licence", "b2b", "licence"),
    ("Joining the company as a support agent", "employee", "job"),
    ("Booking a hospital outpatient appointment", "b2c", "appointment"),
]

STAGES = [
    ("awareness", "Awareness", "acquisition", "Learn that the {thing} exists and what it costs"),
    ("research", "Research", "acquisition", "Find a {thing} that fits my needs and budget"),
    ("compare", "Compare options", "acquisition", "Be sure I am choosing the right {thing}"),
    ("purchase", "Purchase", "acquisition", "Get the {thing} quickly and know it went through"),
    ("onboarding", "Getting started", "satisfaction", "Start using the {thing} without help"),
    ("first-use", "First use", "satisfaction", "Get value from the {thing} in the first week"),
    ("everyday", "Everyday use", "satisfaction", "Rely on the {thing} without thinking about it"),
    ("support", "Getting help", "satisfaction", "Fix a problem with the {thing} in one contact"),
    ("billing", "Paying", "satisfaction", "Understand what I pay for the {thing} and why"),
    ("renewal", "Renewal", "loyalty", "Decide whether to keep the {thing}"),
    ("advocacy", "Recommending", "advocacy", "Tell others about the {thing}"),
    ("leaving", "Leaving", "exit", "End the {thing} without a fight and get my money back"),
]

VERBS = [
    "Reads",
    "Searches",
    "Compares",
    "Opens",
    "Fills in",
    "Calls about",
    "Chats about",
    "Receives",
    "Pays for",
    "Checks",
    "Updates",
    "Asks about",
    "Downloads",
    "Reviews",
    "Cancels",
    "Tracks",
]
OBJECTS = [
    "the price page",
    "the welcome e-mail",
    "the order confirmation",
    "the delivery slot",
    "the first invoice",
    "the terms and conditions",
    "the set-up guide",
    "the account settings",
    "the renewal reminder",
    "a support ticket",
    "the product catalogue",
    "the sign-up form",
    "the monthly newsletter",
    "the review request",
    "the refund status",
    "the contract draft",
    "the appointment letter",
    "the satisfaction survey",
]
THOUGHTS = [
    "Is this really the cheapest option?",
    "Why do I have to enter this twice?",
    "Did the payment go through?",
    "Who do I call if this goes wrong?",
    "That was easier than I expected",
    "I hope someone reads this",
    "Where is the day-by-day plan?",
    "Can I do this on my phone?",
    "What happens to my data?",
    "Is there a discount for a longer contract?",
]
FEELINGS = [
    "Curious",
    "Impatient",
    "Confused",
    "Relieved",
    "Anxious",
    "Delighted",
    "Annoyed",
    "Reassured",
    "Overwhelmed",
    "Hopeful",
]
ACTIONS = [
    "Scrolls to the bottom of the page",
    "Opens the link on a phone",
    "Prints the document",
    "Forwards it to a colleague",
    "Logs in again after a time-out",
    "Types the reference number by hand",
    "Waits on hold for twelve minutes",
    "Compares two tabs side by side",
    "Uploads a photo of the receipt",
    "Clicks the button twice",
]
PROCESSES = [
    "Manual check by the back office before anything is sent",
    "Nightly batch export from the CRM to the ERP",
    "Template e-mail sent by the marketing platform",
    "Call routed by region; no callback option",
    "Tickets triaged once a day by the support lead",
    "Prices typed in by hand from the spreadsheet",
    "Stock level refreshed every four hours",
    "Identity check by an outside provider",
]
PAINS = [
    "No way to filter by price or date",
    "The confirmation e-mail arrives hours later",
    "The same details are asked for twice",
    "Nobody owns the page, so fixes wait for months",
    "Support hours end before most customers finish work",
    "The invoice does not match the quoted price",
    "Cancelling is only possible by phone",
    "The app logs the customer out during payment",
    "Delivery slots are shown only after payment",
    "Terms are written in legal language nobody reads",
]
KPIS = [
    ("Conversion rate", "percent", "up", "weekly"),
    ("First-contact resolution", "percent", "up", "monthly"),
    ("Average handling time", "minutes", "down", "weekly"),
    ("E-mail open rate", "percent", "up", "weekly"),
    ("Page exit rate", "percent", "down", "weekly"),
    ("Customer satisfaction score", "points", "up", "monthly"),
    ("Net promoter score", "points", "up", "quarterly"),
    ("Complaints per thousand orders", "count", "down", "monthly"),
    ("Time to first value", "days", "down", "monthly"),
]
OPPORTUNITIES = [
    "Add filters to the search page",
    "Send the confirmation straight after payment",
    "Prefill details the customer already gave",
    "Name an owner for the page",
    "Open a chat line in the evening",
    "Show the full price before checkout",
    "Let customers cancel online",
    "Fix the session time-out in the app",
    "Rewrite the terms in plain language",
]
EVIDENCE_KINDS = [
    ("survey", "Post-purchase survey", "personal"),
    ("interview", "Customer interviews", "personal"),
    ("focus-group", "Focus group with recent buyers", "personal"),
    ("analytics", "Funnel analytics, last 90 days", "situational"),
    ("social", "Social listening report", "personal"),
    ("support", "Support ticket review", "relationship"),
    ("transactional", "Order history analysis", "relationship"),
    ("workshop", "Backstage workshop with the teams", None),
]

# Plain scalars that YAML would read as something other than the string.
_RESERVED = {"yes", "no", "true", "false", "on", "off", "null", "y", "n", "~"}
_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 .'()/_-]*$")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# --------------------------------------------------------------------------
# A small YAML writer in the style people write maps by hand: block mappings,
# short lists and rating pairs in flow style.


def _scalar(value: Any, flow: bool = False) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _RESERVED and not text.endswith(" "):
        return text
    # Commas and question marks are fine in a block-context plain scalar.
    if (
        not flow
        and _PLAIN.match(text.replace(",", "").replace("?", "").replace("!", ""))
        and ": " not in text
        and " #" not in text
        and text.lower() not in _RESERVED
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, dict | list)


def _inline(value: Any) -> str | None:
    """The flow form of a short list of scalars or a small flat mapping, or None."""
    if isinstance(value, list) and all(_is_scalar(v) for v in value):
        text = "[" + ", ".join(_scalar(v, flow=True) for v in value) + "]"
    elif isinstance(value, dict) and len(value) <= 3 and all(_is_scalar(v) for v in value.values()):
        text = "{" + ", ".join(f"{k}: {_scalar(v, flow=True)}" for k, v in value.items()) + "}"
    else:
        return None
    return text if len(text) <= 90 else None


def _emit(value: Any, indent: int, out: list[str]) -> None:
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            inline = None if _is_scalar(item) else _inline(item)
            if _is_scalar(item):
                out.append(f"{pad}{key}: {_scalar(item)}")
            elif inline is not None:
                out.append(f"{pad}{key}: {inline}")
            elif isinstance(item, list) and not item:
                out.append(f"{pad}{key}: []")
            else:
                out.append(f"{pad}{key}:")
                _emit(item, indent + 2, out)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                sub: list[str] = []
                _emit(item, indent + 2, sub)
                sub[0] = f"{pad}- " + sub[0][indent + 2 :]
                out.extend(sub)
            elif isinstance(item, list):
                out.append(f"{pad}- {_inline(item) or json.dumps(item)}")
            else:
                out.append(f"{pad}- {_scalar(item)}")


def to_yaml(data: dict[str, Any], header: str = "") -> str:
    out: list[str] = [header.rstrip("\n")] if header else []
    for key, value in data.items():
        # A blank line before each big top-level section, as people write them.
        if isinstance(value, list) and value and isinstance(value[0], dict):
            out.append("")
        _emit({key: value}, 0, out)
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------
# Building maps.


@dataclass(frozen=True)
class MapSpec:
    """What is needed to rebuild one map exactly: the seed, its index and its size."""

    seed: int
    index: int
    touchpoints: int
    focus: tuple[str, str] | None = None  # (journey id, touchpoint id) of an earlier map
    experiences: int = 0  # persona experiences on every touchpoint (0: none, the maps as before)


def _pick(rng: random.Random, items: list[Any], low: int, high: int) -> list[Any]:
    return rng.sample(items, min(len(items), rng.randint(low, high)))


def journey_id(index: int) -> str:
    return f"journey-{index:05d}"


def first_touchpoint_id(spec: MapSpec) -> str:
    return str(build_map(spec)["stages"][0]["touchpoints"][0]["id"])


def build_map(spec: MapSpec) -> dict[str, Any]:
    """One complete, valid journey map as plain data (same spec, same map)."""
    rng = random.Random(f"cjm-bench-{spec.seed}-{spec.index}")
    title, segment, thing = DOMAINS[spec.index % len(DOMAINS)]
    personas = [p[0] for p in _pick(rng, PERSONAS, 1, 3)]
    team_ids = [t[0] for t in TEAMS]
    local_team = None
    if rng.random() < 0.2:
        local_team = f"squad-{spec.index % 50}"
        team_ids.append(local_team)
    channel_ids = [c[0] for c in CHANNELS]
    system_ids = [s[0] for s in SYSTEMS]

    n_tp = max(1, spec.touchpoints)
    per_stage = rng.randint(3, 8)
    n_stages = max(1, min(math.ceil(n_tp / per_stage), 4 * len(STAGES)))
    # Spread touchpoints over the stages as evenly as the stage count allows.
    sizes = [n_tp // n_stages + (1 if i < n_tp % n_stages else 0) for i in range(n_stages)]

    evidence = []
    for i, (kind, etitle, context) in enumerate(_pick(rng, EVIDENCE_KINDS, 2, 6)):
        item: dict[str, Any] = {
            "id": f"{slug(kind)}-{i + 1}",
            "kind": kind,
            "title": etitle,
            "date": dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 640)),
        }
        if rng.random() < 0.5:
            item["url"] = f"https://research.example.com/{spec.index}/{kind}-{i + 1}"
        if context:
            item["context"] = context
        evidence.append(item)
    evidence_ids = [e["id"] for e in evidence]

    tp_counter = 0
    pains: list[tuple[str, str]] = []  # (pain id, severity)
    kpis: list[str] = []
    stages = []
    tp_ids_in_order: list[str] = []
    for s in range(n_stages):
        sid, sname, phase, goal = STAGES[s % len(STAGES)]
        lap = s // len(STAGES)
        stage: dict[str, Any] = {
            "id": sid if lap == 0 else f"{sid}-{lap + 1}",
            "name": sname if lap == 0 else f"{sname} ({lap + 1})",
        }
        if rng.random() < 0.9:
            stage["owner"] = rng.choice(team_ids)
        stage["phase"] = phase
        stage["goal"] = goal.format(thing=thing)
        if rng.random() < 0.6:
            stage["quotes"] = [
                f"{rng.choice(THOUGHTS)} I asked twice and nobody knew." for _ in range(rng.randint(1, 2))
            ]
        touchpoints = []
        for _ in range(sizes[s]):
            tp_counter += 1
            verb, obj = rng.choice(VERBS), rng.choice(OBJECTS)
            name = f"{verb} {obj}"
            tp_id = f"{slug(name)}-{tp_counter}"
            tp_ids_in_order.append(tp_id)
            tp: dict[str, Any] = {"id": tp_id, "name": name}
            if rng.random() < 0.3:
                tp["description"] = f"The customer {verb.lower()} {obj} while {rng.choice(ACTIONS).lower()}."
            tp["channel"] = rng.choice(channel_ids)
            tp["owner"] = rng.choice(team_ids)
            if rng.random() < 0.2:
                tp["personas"] = personas[:1]
            tp["actions"] = _pick(rng, ACTIONS, 1, 3)
            if rng.random() < 0.7:
                tp["thoughts"] = _pick(rng, THOUGHTS, 1, 2)
            if rng.random() < 0.7:
                tp["feelings"] = _pick(rng, FEELINGS, 1, 2)
            if rng.random() < 0.9:
                tp["emotion"] = rng.randint(-2, 2)
            if rng.random() < 0.8:
                tp["desired_emotion"] = rng.randint(0, 2)
            if rng.random() < 0.6:
                tp["importance"] = {"customer": rng.randint(1, 5), "company": rng.randint(1, 5)}
                tp["performance"] = {"customer": rng.randint(1, 5), "company": rng.randint(1, 5)}
            if rng.random() < 0.15:
                tp["moment_of_truth"] = True
            if rng.random() < 0.3:
                tp["evidence"] = _pick(rng, evidence_ids, 1, 2)
            steps = []
            for _ in range(rng.randint(1, 3)):
                step: dict[str, Any] = {}
                if rng.random() < 0.8:
                    step["team"] = rng.choice(team_ids)
                if rng.random() < 0.6:
                    step["system"] = rng.choice(system_ids)
                if not step or rng.random() < 0.5:
                    step["process"] = rng.choice(PROCESSES)
                steps.append(step)
            tp["backstage"] = steps
            if rng.random() < 0.35:
                tp_pains = []
                for _ in range(rng.randint(1, 2)):
                    pid = f"pain-{len(pains) + 1}"
                    severity = rng.choice(["low", "medium", "high", "critical"])
                    pain: dict[str, Any] = {"id": pid, "description": rng.choice(PAINS)}
                    if rng.random() < 0.85:
                        pain["severity"] = severity
                    if rng.random() < 0.5:
                        pain["evidence"] = _pick(rng, evidence_ids, 1, 2)
                    tp_pains.append(pain)
                    pains.append((pid, severity))
                tp["pain_points"] = tp_pains
            if rng.random() < 0.3:
                tp_kpis = []
                for _ in range(rng.randint(1, 2)):
                    kname, unit, direction, cadence = rng.choice(KPIS)
                    kid = f"kpi-{len(kpis) + 1}"
                    target = rng.randint(10, 90)
                    kpi: dict[str, Any] = {"id": kid, "name": kname, "unit": unit, "target": target}
                    if rng.random() < 0.8:
                        kpi["current"] = round(target * rng.uniform(0.5, 1.4), 1)
                    kpi["direction"] = direction
                    kpi["cadence"] = cadence
                    kpi["owner"] = rng.choice(team_ids)
                    tp_kpis.append(kpi)
                    kpis.append(kid)
                tp["kpis"] = tp_kpis
            touchpoints.append(tp)
        stage["touchpoints"] = touchpoints
        stages.append(stage)

    # The flow: most touchpoints lead to the next one, some branch further ahead.
    position = {tid: i for i, tid in enumerate(tp_ids_in_order)}
    for stage in stages:
        for tp in stage["touchpoints"]:
            i = position[tp["id"]]
            if i + 1 < len(tp_ids_in_order) and rng.random() < 0.85:
                targets = [tp_ids_in_order[i + 1]]
                if i + 3 < len(tp_ids_in_order) and rng.random() < 0.2:
                    targets.append(tp_ids_in_order[i + rng.randint(2, min(6, len(tp_ids_in_order) - i - 1))])
                tp["next"] = targets
    # Keys in the order people write them: next after moment_of_truth, before backstage.
    for stage in stages:
        stage["touchpoints"] = [_ordered_touchpoint(tp) for tp in stage["touchpoints"]]

    opportunities = []
    open_pains = [p for p, sev in pains if sev in ("high", "critical")] + [p for p, _ in pains]
    seen: set[str] = set()
    for i in range(max(1, len(pains) // 2) if pains else 0):
        addresses = [p for p in open_pains[i * 2 : i * 2 + 2] if p not in seen]
        seen.update(addresses)
        opp: dict[str, Any] = {"id": f"opp-{i + 1}", "title": rng.choice(OPPORTUNITIES)}
        if rng.random() < 0.4:
            opp["description"] = "Agreed at the quarterly review; needs budget from the product team"
        opp["addresses"] = addresses
        if rng.random() < 0.85:
            opp["owner"] = rng.choice(team_ids)
        opp["stakeholders"] = _pick(rng, team_ids, 1, 4)
        opp["priority"] = i + 1
        opp["status"] = rng.choice(["idea", "planned", "in-progress", "done", "dropped"])
        if kpis and rng.random() < 0.7:
            opp["kpis"] = _pick(rng, kpis, 1, 2)
        # Value-effort scores (the workspace's model), from the indices: the random stream, and
        # with it every other value of the map, stays what it was before maps had scores.
        opp["scores"] = {"value": 1 + (i * 7 + spec.index) % 5, "effort": 1 + (i * 3 + spec.index * 2) % 5}
        opportunities.append(opp)

    journey: dict[str, Any] = {
        "cjm": 1,
        "id": journey_id(spec.index),
        "title": f"{title} ({spec.index})",
        "purpose": f"Find where customers give up while {title.lower()}, and what it takes to fix it",
        "view": "tactical" if spec.focus else rng.choice(["strategic", "strategic", "performance"]),
        "state": rng.choice(["current", "current", "future"]),
        "status": rng.choice(["hypothesis", "validated"]),
        "segment": segment,
        "owner": rng.choice(team_ids),
        "updated": dt.date(2025, 6, 1) + dt.timedelta(days=rng.randint(0, 520)),
        "review_every": rng.choice([30, 90, 180]),
        "personas": personas,
    }
    if rng.random() < 0.5:
        journey["measured"] = journey["updated"] + dt.timedelta(days=rng.randint(0, 30))
    if local_team:
        journey["catalog"] = {"teams": [{"id": local_team, "name": f"Squad {spec.index % 50}"}]}
    if spec.focus:
        journey["focus"] = {"journey": spec.focus[0], "touchpoint": spec.focus[1]}
    journey["stages"] = stages
    journey["opportunities"] = opportunities
    journey["evidence"] = evidence
    if rng.random() < 0.1:
        journey["x-source"] = {"workshop": "2026 spring review", "board": "CX-142"}
    if spec.experiences:
        _add_experiences(journey, spec)
    return journey


def _add_experiences(journey: dict[str, Any], spec: MapSpec) -> None:
    """Give every touchpoint ``spec.experiences`` persona experiences (their own random stream, so the rest of
    the map is the same as without them)."""
    rng = random.Random(f"cjm-bench-experiences-{spec.seed}-{spec.index}")
    personas: list[str] = list(journey["personas"])
    for pid, *_ in PERSONAS:
        if len(personas) >= spec.experiences:
            break
        if pid not in personas:
            personas.append(pid)
    journey["personas"] = personas
    who = personas[: spec.experiences]
    for stage in journey["stages"]:
        for tp in stage["touchpoints"]:
            if "personas" in tp:
                tp["personas"] = who
            pains = [p["id"] for p in tp.get("pain_points", [])]
            exps = []
            for persona in who:
                exp: dict[str, Any] = {"persona": persona, "emotion": rng.randint(-2, 2)}
                if rng.random() < 0.5:
                    exp["desired_emotion"] = rng.randint(0, 2)
                if rng.random() < 0.6:
                    exp["feelings"] = _pick(rng, FEELINGS, 1, 2)
                if rng.random() < 0.4:
                    exp["thoughts"] = _pick(rng, THOUGHTS, 1, 1)
                if rng.random() < 0.5:
                    exp["importance"] = rng.randint(1, 5)
                    exp["performance"] = rng.randint(1, 5)
                if pains and rng.random() < 0.6:
                    exp["pain_points"] = _pick(rng, pains, 1, 1)
                exps.append(exp)
            tp["experiences"] = exps


_TP_ORDER = [
    "id",
    "name",
    "description",
    "channel",
    "owner",
    "personas",
    "actions",
    "thoughts",
    "feelings",
    "emotion",
    "desired_emotion",
    "importance",
    "performance",
    "moment_of_truth",
    "next",
    "evidence",
    "backstage",
    "pain_points",
    "kpis",
    "experiences",
]


def _ordered_touchpoint(tp: dict[str, Any]) -> dict[str, Any]:
    return {k: tp[k] for k in _TP_ORDER if k in tp}


HEADER = "# yaml-language-server: $schema=../schemas/journey.schema.json\n"


def render_map(spec: MapSpec) -> str:
    return to_yaml(build_map(spec), HEADER)


def workspace_yaml() -> str:
    data = {
        "cjm": 1,
        "journeys": ["journeys/**/*.cjm.yaml"],
        "catalog": {
            "personas": [{"id": i, "name": n, "description": d, "segment": s} for i, n, d, s in PERSONAS],
            "teams": [{"id": i, "name": n} for i, n in TEAMS],
            "channels": [{"id": i, "name": n} for i, n in CHANNELS],
            "systems": [{"id": i, "name": n} for i, n in SYSTEMS],
        },
        "lint": {"rules": {}, "options": {}},
        "render": {},
        "scoring": {"model": "value-effort"},
    }
    return to_yaml(data, "# Benchmark workspace: generated, do not edit.\n")


# --------------------------------------------------------------------------
# Sizing: pick a touchpoint count that lands a map inside a byte-size range.


def _spec_for_size(
    seed: int, index: int, target: int, focus: tuple[str, str] | None, experiences: int = 0
) -> tuple[MapSpec, str]:
    count = max(1, round(target / 1000))  # about 1 KB per touchpoint: a first guess, refined below
    best: tuple[int, MapSpec, str] | None = None
    for _ in range(8):
        spec = MapSpec(seed, index, count, focus, experiences)
        text = render_map(spec)
        size = len(text.encode())
        miss = abs(size - target)
        if best is None or miss < best[0]:
            best = (miss, spec, text)
        if miss <= target * 0.05:
            break
        count = max(1, round(count * target / size))
    assert best is not None
    return best[1], best[2]


@dataclass(frozen=True)
class CorpusOptions:
    maps: int
    seed: int = 7
    kb: tuple[float, float] | None = (20, 60)
    touchpoints: tuple[int, int] | None = None
    tactical_every: int = 15
    experiences: int = 0


def _specs(opts: CorpusOptions) -> Iterator[tuple[MapSpec, str]]:
    rng = random.Random(f"cjm-bench-sizes-{opts.seed}")
    earlier: list[MapSpec] = []
    for index in range(opts.maps):
        # Every so often a tactical map zooms into a touchpoint of an earlier map.
        focus = None
        if opts.tactical_every and index % opts.tactical_every == opts.tactical_every - 1 and earlier:
            target_spec = earlier[rng.randrange(len(earlier))]
            focus = (journey_id(target_spec.index), first_touchpoint_id(target_spec))
        if opts.touchpoints is not None:
            spec = MapSpec(opts.seed, index, rng.randint(*opts.touchpoints), focus, opts.experiences)
            text = render_map(spec)
        else:
            assert opts.kb is not None
            target = int(rng.uniform(*opts.kb) * 1024)
            spec, text = _spec_for_size(opts.seed, index, target, focus, opts.experiences)
        earlier.append(spec)
        yield spec, text


MANIFEST = ".corpus.json"


def generate(root: Path, opts: CorpusOptions) -> list[Path]:
    """Write a workspace with ``opts.maps`` journey maps under ``root``; return the map paths."""
    if root.exists():
        shutil.rmtree(root)
    (root / "journeys").mkdir(parents=True)
    (root / "cjm.yaml").write_text(workspace_yaml(), encoding="utf-8")
    paths = []
    manifest = []
    for spec, text in _specs(opts):
        path = root / "journeys" / f"{journey_id(spec.index)}.cjm.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        entry = {"index": spec.index, "touchpoints": spec.touchpoints, "focus": spec.focus, "bytes": len(text)}
        if spec.experiences:
            entry["experiences"] = spec.experiences
        manifest.append(entry)
    (root / MANIFEST).write_text(json.dumps({"seed": opts.seed, "maps": manifest}, indent=1), encoding="utf-8")
    return paths


def load_specs(root: Path) -> list[MapSpec]:
    data = json.loads((root / MANIFEST).read_text(encoding="utf-8"))
    return [
        MapSpec(
            data["seed"],
            m["index"],
            m["touchpoints"],
            tuple(m["focus"]) if m["focus"] else None,
            m.get("experiences", 0),
        )
        for m in data["maps"]
    ]


# --------------------------------------------------------------------------
# Changes a team makes between two versions of a map (all keep the map valid).


def _all_touchpoints(journey: dict[str, Any]) -> list[dict[str, Any]]:
    return [tp for stage in journey["stages"] for tp in stage["touchpoints"]]


def _remeasure_emotions(journey: dict[str, Any], rng: random.Random) -> None:
    for tp in rng.sample(_all_touchpoints(journey), min(3, len(_all_touchpoints(journey)))):
        tp["emotion"] = max(-2, min(2, tp.get("emotion", 0) + rng.choice([-1, 1])))


def _rename_touchpoint(journey: dict[str, Any], rng: random.Random) -> None:
    tp = rng.choice(_all_touchpoints(journey))
    tp["name"] = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} (revised)"


def _update_kpis(journey: dict[str, Any], rng: random.Random) -> None:
    for tp in _all_touchpoints(journey):
        for kpi in tp.get("kpis", []):
            if rng.random() < 0.5:
                kpi["current"] = round(kpi.get("current", kpi["target"]) * rng.uniform(0.9, 1.15), 1)


def _progress_opportunity(journey: dict[str, Any], rng: random.Random) -> None:
    order = ["idea", "planned", "in-progress", "done"]
    for opp in journey["opportunities"]:
        if opp["status"] in order[:-1] and rng.random() < 0.5:
            opp["status"] = order[order.index(opp["status"]) + 1]
            return


def _add_touchpoint(journey: dict[str, Any], rng: random.Random) -> None:
    stage = rng.choice(journey["stages"])
    taken = {tp["id"] for tp in _all_touchpoints(journey)}
    new_id = f"new-step-{rng.randrange(10**6)}"
    while new_id in taken:
        new_id = f"new-step-{rng.randrange(10**6)}"
    new = {
        "id": new_id,
        "name": "Gets a text message with a tracking link",
        "channel": "app",
        "owner": "support",
        "emotion": 1,
        "desired_emotion": 2,
        "backstage": [{"team": "logistics", "system": "warehouse"}],
    }
    if stage["touchpoints"]:
        stage["touchpoints"][-1].setdefault("next", []).append(new["id"])
    stage["touchpoints"].append(new)


def _remove_touchpoint(journey: dict[str, Any], rng: random.Random) -> None:
    """Remove the last touchpoint of a stage, and every reference to what it held."""
    candidates = [s for s in journey["stages"] if len(s["touchpoints"]) >= 2]
    if not candidates:
        return
    stage = rng.choice(candidates)
    gone = stage["touchpoints"].pop()
    pain_ids = {p["id"] for p in gone.get("pain_points", [])}
    kpi_ids = {k["id"] for k in gone.get("kpis", [])}
    for tp in _all_touchpoints(journey):
        if gone["id"] in tp.get("next", []):
            tp["next"] = [t for t in tp["next"] if t != gone["id"]]
            if not tp["next"]:
                del tp["next"]
    for opp in journey["opportunities"]:
        opp["addresses"] = [p for p in opp.get("addresses", []) if p not in pain_ids]
        if "kpis" in opp:
            opp["kpis"] = [k for k in opp["kpis"] if k not in kpi_ids]


def _raise_severity(journey: dict[str, Any], rng: random.Random) -> None:
    for tp in _all_touchpoints(journey):
        for pain in tp.get("pain_points", []):
            if pain.get("severity") in ("low", "medium"):
                pain["severity"] = "high"
                return


MUTATIONS = [
    _remeasure_emotions,
    _rename_touchpoint,
    _update_kpis,
    _progress_opportunity,
    _add_touchpoint,
    _remove_touchpoint,
    _raise_severity,
]


def mutate(journey: dict[str, Any], rng: random.Random, when: dt.date) -> None:
    for change in rng.sample(MUTATIONS, 3):
        change(journey, rng)
    journey["updated"] = when


def changed_version(spec: MapSpec, generation: int) -> str:
    """The map of ``spec`` after ``generation`` rounds of team edits."""
    journey = build_map(spec)
    for g in range(1, generation + 1):
        rng = random.Random(f"cjm-bench-change-{spec.seed}-{spec.index}-{g}")
        mutate(journey, rng, dt.date(2026, 11, 1) + dt.timedelta(days=7 * g))
    return to_yaml(journey, HEADER)


def _git(root: Path, *args: str) -> None:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="Bench",
        GIT_AUTHOR_EMAIL="bench@example.com",
        GIT_COMMITTER_NAME="Bench",
        GIT_COMMITTER_EMAIL="bench@example.com",
        GIT_AUTHOR_DATE="2026-11-01T12:00:00Z",
        GIT_COMMITTER_DATE="2026-11-01T12:00:00Z",
    )
    subprocess.run(["git", *args], cwd=root, env=env, check=True, stdout=subprocess.DEVNULL)


def make_history(root: Path, commits: int = 3, files_per_commit: int = 10, seed: int = 7) -> None:
    """Turn the corpus at ``root`` into a git repository whose last ``commits`` commits each edit maps."""
    specs = load_specs(root)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "Benchmark corpus: first version")
    rng = random.Random(f"cjm-bench-history-{seed}")
    generation: dict[int, int] = {}
    # Maps that another map focuses on keep their first touchpoint, so edits never break a focus.
    for c in range(1, commits + 1):
        chosen = rng.sample(specs, min(files_per_commit, len(specs)))
        for spec in chosen:
            generation[spec.index] = generation.get(spec.index, 0) + 1
            path = root / "journeys" / f"{journey_id(spec.index)}.cjm.yaml"
            path.write_text(changed_version(spec, generation[spec.index]), encoding="utf-8")
        _git(root, "commit", "-q", "-a", "-m", f"Review round {c}: {len(chosen)} maps updated")


# --------------------------------------------------------------------------


def check_valid(root: Path, cjm: str | None = None) -> tuple[bool, str]:
    """Run ``cjm validate`` on the corpus; (all valid?, its output)."""
    exe = cjm or str(Path(sys.executable).parent / "cjm")
    proc = subprocess.run([exe, "validate", "journeys"], cwd=root, capture_output=True, text=True)
    return proc.returncode == 0, proc.stdout + proc.stderr


def _range(text: str, kind: type) -> tuple[Any, Any]:
    low, _, high = text.partition("-")
    return kind(low), kind(high or low)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="folder to create (replaced if it exists)")
    parser.add_argument("--maps", type=int, default=100, help="how many maps (default 100)")
    size = parser.add_mutually_exclusive_group()
    size.add_argument("--kb", default="20-60", help="size range of each map in KB, e.g. 20-60 (default)")
    size.add_argument("--touchpoints", help="touchpoint range of each map, e.g. 5-500")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--experiences", type=int, default=0, metavar="N", help="give every touchpoint N persona experiences"
    )
    parser.add_argument("--history", type=int, default=0, metavar="N", help="make a git repo with N edit commits")
    parser.add_argument("--files-per-commit", type=int, default=10)
    parser.add_argument("--check", action="store_true", help="run cjm validate on the result")
    args = parser.parse_args(argv)

    opts = CorpusOptions(
        maps=args.maps,
        seed=args.seed,
        kb=None if args.touchpoints else _range(args.kb, float),
        touchpoints=_range(args.touchpoints, int) if args.touchpoints else None,
        experiences=args.experiences,
    )
    paths = generate(args.out, opts)
    total = sum(p.stat().st_size for p in paths)
    print(f"{len(paths)} maps, {total / 1024:.0f} KB in {args.out}")
    if args.history:
        make_history(args.out, args.history, args.files_per_commit, args.seed)
        print(f"git history: {args.history} commits of {args.files_per_commit} changed maps")
    if args.check:
        ok, output = check_valid(args.out)
        print(output.strip().splitlines()[-1] if output.strip() else "")
        if not ok:
            print(output, file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
