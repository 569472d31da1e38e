"""Ids are unique and every reference resolves."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from cjmkit.diagnostics import Diagnostic, format_loc
from cjmkit.loader import Document
from cjmkit.model.catalog import CATALOG_KINDS, Catalog
from cjmkit.model.journey import Journey, Touchpoint
from cjmkit.suggest import did_you_mean

Loc = tuple[str | int, ...]

_SINGULAR = {"personas": "persona", "teams": "team", "channels": "channel", "systems": "system"}


def _duplicates(items: Iterable[tuple[str, Loc]], kind: str, doc: Document) -> list[Diagnostic]:
    seen: dict[str, Loc] = {}
    out = []
    for item_id, loc in items:
        if item_id in seen:
            first_line = doc.locate((*seen[item_id], "id"))[0]
            line, col = doc.locate((*loc, "id"))
            out.append(
                Diagnostic(
                    code="E140",
                    message=f"duplicate {kind} id '{item_id}': line {first_line} already uses it",
                    path=doc.path,
                    line=line,
                    column=col,
                    key_path=format_loc((*loc, "id")),
                    expected=f"an id no other {kind} in this journey uses",
                    found=f"'{item_id}'",
                    item_id=item_id,
                )
            )
        else:
            seen[item_id] = loc
    return out


def check_catalog_ids(catalog: Catalog, doc: Document, base: Loc) -> list[Diagnostic]:
    out = []
    for kind in CATALOG_KINDS:
        entries = getattr(catalog, kind)
        out += _duplicates(((e.id, (*base, kind, i)) for i, e in enumerate(entries)), _SINGULAR[kind], doc)
    return out


@dataclass
class _Checker:
    doc: Document
    known: dict[str, set[str]]
    out: list[Diagnostic] = field(default_factory=list)
    catalog_known: bool = True

    def ref(self, kind: str, value: str | None, loc: Loc, *, what: str | None = None) -> None:
        if value is None or value in self.known[kind]:
            return
        if not self.catalog_known and kind in ("team", "channel", "system", "persona", "journey persona"):
            return
        line, col = self.doc.locate(loc)
        noun = what or kind
        pool = self.known[kind]
        where = {
            "team": "the catalog's teams",
            "channel": "the catalog's channels",
            "system": "the catalog's systems",
            "persona": "the catalog's personas",
        }.get(kind, f"this journey's {kind}s")
        self.out.append(
            Diagnostic(
                code="E141",
                message=f"unknown {noun} '{value}'",
                path=self.doc.path,
                line=line,
                column=col,
                key_path=format_loc(loc),
                expected=f"the id of one of {where}" + ("" if pool else " (none is defined)"),
                found=f"'{value}'",
                hint=did_you_mean(value, pool),
                item_id=value,
            )
        )

    def refs(self, kind: str, values: list[str], loc: Loc, *, what: str | None = None) -> None:
        for i, v in enumerate(values):
            self.ref(kind, v, (*loc, i), what=what)

    def not_among(
        self, value: str, loc: Loc, message: str, expected: str, pool: Iterable[str], hint: str | None = None
    ) -> None:
        line, col = self.doc.locate(loc)
        self.out.append(
            Diagnostic(
                code="E141",
                message=message,
                path=self.doc.path,
                line=line,
                column=col,
                key_path=format_loc(loc),
                expected=expected,
                found=f"'{value}'",
                hint=did_you_mean(value, sorted(pool)) or hint,
                item_id=value,
            )
        )

    def experiences(self, tp: Touchpoint, tloc: Loc, journey_personas: list[str], pain_owner: dict[str, str]) -> None:
        """Each persona once, among the touchpoint's personas (else the journey's); pain points of this touchpoint."""
        allowed = tp.personas or journey_personas
        where = f"touchpoint '{tp.id}'" if tp.personas else "this journey"
        own_pains = [pp.id for pp in tp.pain_points]
        seen: dict[str, Loc] = {}
        for ei, exp in enumerate(tp.experiences):
            eloc: Loc = (*tloc, "experiences", ei)
            ploc: Loc = (*eloc, "persona")
            if exp.persona in seen:
                first_line = self.doc.locate(seen[exp.persona])[0]
                line, col = self.doc.locate(ploc)
                self.out.append(
                    Diagnostic(
                        code="E140",
                        message=f"duplicate experience for persona '{exp.persona}': line {first_line} already "
                        "describes it",
                        path=self.doc.path,
                        line=line,
                        column=col,
                        key_path=format_loc(ploc),
                        expected="one experience per persona on a touchpoint",
                        found=f"'{exp.persona}'",
                        item_id=exp.persona,
                    )
                )
            else:
                seen[exp.persona] = ploc
            if exp.persona not in allowed:
                listed = ", ".join(allowed) if allowed else "none is listed"
                known = exp.persona in self.known["persona"] or not self.catalog_known
                message = (
                    f"persona '{exp.persona}' is not among the personas of {where}"
                    if known
                    else f"unknown persona '{exp.persona}'"
                )
                fix = f"add '{exp.persona}' to the personas of {where}" if known else None
                expected = f"one of the personas of {where} ({listed})"
                self.not_among(exp.persona, ploc, message, expected, allowed, fix)
            for pi, pid in enumerate(exp.pain_points):
                if pid in own_pains:
                    continue
                other = pain_owner.get(pid)
                message = (
                    f"pain point '{pid}' belongs to touchpoint '{other}', not to '{tp.id}'"
                    if other
                    else f"unknown pain point '{pid}'"
                )
                listed = ", ".join(own_pains) if own_pains else "it has none"
                expected = f"the id of one of the pain points of touchpoint '{tp.id}' ({listed})"
                self.not_among(pid, (*eloc, "pain_points", pi), message, expected, own_pains)


def check_journey(
    journey: Journey,
    doc: Document,
    catalog: Catalog,
    *,
    catalog_known: bool = True,
) -> list[Diagnostic]:
    """Unique ids and resolving references in one journey, against the merged ``catalog``.

    With ``catalog_known=False`` (the workspace file is broken) references to catalog
    entries are not checked; ids and in-journey references still are.
    """
    out: list[Diagnostic] = []
    if journey.catalog is not None:
        out += check_catalog_ids(journey.catalog, doc, ("catalog",))

    stages = [(s.id, ("stages", i)) for i, s in enumerate(journey.stages)]
    tps: list[tuple[str, Loc]] = []
    pps: list[tuple[str, Loc]] = []
    kpis: list[tuple[str, Loc]] = []
    for si, _stage, ti, tp in journey.iter_touchpoints():
        tloc: Loc = ("stages", si, "touchpoints", ti)
        tps.append((tp.id, tloc))
        pps += [(p.id, (*tloc, "pain_points", i)) for i, p in enumerate(tp.pain_points)]
        kpis += [(k.id, (*tloc, "kpis", i)) for i, k in enumerate(tp.kpis)]
    opps = [(o.id, ("opportunities", i)) for i, o in enumerate(journey.opportunities)]
    evs = [(e.id, ("evidence", i)) for i, e in enumerate(journey.evidence)]
    for items, kind in (
        (stages, "stage"),
        (tps, "touchpoint"),
        (pps, "pain point"),
        (kpis, "KPI"),
        (opps, "opportunity"),
        (evs, "evidence"),
    ):
        out += _duplicates(items, kind, doc)

    known = {
        "team": {t.id for t in catalog.teams},
        "channel": {c.id for c in catalog.channels},
        "system": {s.id for s in catalog.systems},
        "persona": {p.id for p in catalog.personas},
        "touchpoint": {i for i, _ in tps},
        "pain point": {i for i, _ in pps},
        "KPI": {i for i, _ in kpis},
        "evidence": {i for i, _ in evs},
        "journey persona": set(journey.personas),
    }
    c = _Checker(doc, known, out, catalog_known)
    pain_owner: dict[str, str] = {}
    if any(tp.experiences for _, _, _, tp in journey.iter_touchpoints()):
        pain_owner = {pp.id: tp.id for _, tp, pp in journey.iter_pain_points()}
    c.ref("team", journey.owner, ("owner",), what="owner team")
    c.refs("persona", journey.personas, ("personas",))
    for si, stage in enumerate(journey.stages):
        sloc: Loc = ("stages", si)
        c.ref("team", stage.owner, (*sloc, "owner"), what="owner team")
        for ti, tp in enumerate(stage.touchpoints):
            tloc = (*sloc, "touchpoints", ti)
            c.ref("channel", tp.channel, (*tloc, "channel"))
            c.ref("team", tp.owner, (*tloc, "owner"), what="owner team")
            for pi, persona in enumerate(tp.personas):
                if persona in known["persona"] and persona not in known["journey persona"]:
                    c.ref("journey persona", persona, (*tloc, "personas", pi), what="persona for this journey")
                else:
                    c.ref("persona", persona, (*tloc, "personas", pi))
            c.refs("touchpoint", tp.next, (*tloc, "next"), what="next touchpoint")
            c.refs("evidence", tp.evidence, (*tloc, "evidence"))
            for bi, step in enumerate(tp.backstage):
                c.ref("team", step.team, (*tloc, "backstage", bi, "team"))
                c.ref("system", step.system, (*tloc, "backstage", bi, "system"))
            for pi, pp in enumerate(tp.pain_points):
                c.refs("evidence", pp.evidence, (*tloc, "pain_points", pi, "evidence"))
            for ki, kpi in enumerate(tp.kpis):
                c.ref("team", kpi.owner, (*tloc, "kpis", ki, "owner"), what="owner team")
            if tp.experiences:
                c.experiences(tp, tloc, journey.personas, pain_owner)
    for oi, opp in enumerate(journey.opportunities):
        oloc: Loc = ("opportunities", oi)
        c.refs("pain point", opp.addresses, (*oloc, "addresses"))
        c.ref("team", opp.owner, (*oloc, "owner"), what="owner team")
        c.refs("team", opp.stakeholders, (*oloc, "stakeholders"), what="stakeholder team")
        c.refs("KPI", opp.kpis, (*oloc, "kpis"))

    # A focus on another journey is checked once every file is known (cjmkit.validation.resolve_focus).
    focus = journey.focus
    if focus is not None and focus.journey == journey.id and focus.touchpoint is not None:
        c.ref("touchpoint", focus.touchpoint, ("focus", "touchpoint"))
    return out
