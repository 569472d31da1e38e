"""Compare two versions of a journey item by item, matching items by id (never by position)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from cjmkit.diffing.changes import Change
from cjmkit.diffing.classify import classify_added, classify_field, classify_moment_of_truth, classify_removed
from cjmkit.model.catalog import CATALOG_KINDS, Catalog
from cjmkit.model.journey import Journey

#: The field that names an item; a new value there is a rename, not a field change.
NAME_FIELD = {
    "journey": "title",
    "stage": "name",
    "touchpoint": "name",
    "KPI": "name",
    "opportunity": "title",
    "evidence": "title",
    "persona": "name",
    "team": "name",
    "channel": "name",
    "system": "name",
    "experience": "persona",
}
#: Fields compared item by item elsewhere (children), or not a field at all (the id).
NOT_FIELDS = {
    "journey": {"id", "title", "stages", "opportunities", "evidence", "catalog"},
    "stage": {"id", "name", "touchpoints"},
    "touchpoint": {"id", "name", "pain_points", "kpis", "experiences"},
}
#: How the catalog's lists are called, item by item.
CATALOG_ITEMS = {"personas": "persona", "teams": "team", "channels": "channel", "systems": "system"}


@dataclass(frozen=True)
class Entry:
    """An item of one side, with where it sits."""

    obj: Any
    parent: str | None
    label: str


def _label(item: str, obj: Any) -> str:
    if item == "pain point":
        return str(obj.description)
    name = getattr(obj, NAME_FIELD.get(item, "name"), None)
    return str(name) if name else str(obj.id)


def _index(journey: Journey) -> dict[str, dict[str, Entry]]:
    """Every item of a journey by kind and id, in map order."""
    idx: dict[str, dict[str, Entry]] = {k: {} for k in ("stage", "touchpoint", "pain point", "KPI")}
    for stage in journey.stages:
        idx["stage"][stage.id] = Entry(stage, None, _label("stage", stage))
        for tp in stage.touchpoints:
            idx["touchpoint"][tp.id] = Entry(tp, stage.id, _label("touchpoint", tp))
            for pp in tp.pain_points:
                idx["pain point"][pp.id] = Entry(pp, tp.id, _label("pain point", pp))
            for kpi in tp.kpis:
                idx["KPI"][kpi.id] = Entry(kpi, tp.id, _label("KPI", kpi))
    idx["opportunity"] = {o.id: Entry(o, None, _label("opportunity", o)) for o in journey.opportunities}
    idx["evidence"] = {e.id: Entry(e, None, _label("evidence", e)) for e in journey.evidence}
    return idx


def _fields(item: str, obj: BaseModel, only: Iterable[str] | None = None) -> dict[str, Any]:
    """The item's own values as plain data, nested objects flattened (``importance.customer``).

    ``only``: just these fields (the ones that differ), so unchanged values are never converted.
    """
    exclude = NOT_FIELDS.get(item, {"id", NAME_FIELD.get(item, "")})
    names = [n for n in (type(obj).model_fields if only is None else only) if n not in exclude]
    out: dict[str, Any] = {}
    for key, value in obj.model_dump(mode="json", include=set(names)).items():
        if isinstance(value, dict):
            for sub, subvalue in value.items():
                out[f"{key}.{sub}"] = subvalue
        else:
            out[key] = value
    return out


def _field_changes(item: str, item_id: str, old: Entry, new: Entry) -> Iterator[Change]:
    # Compare the models field by field first: most fields of a changed item are unchanged.
    differing = [n for n in type(new.obj).model_fields if getattr(old.obj, n, None) != getattr(new.obj, n, None)]
    if not differing:
        return
    before, after = _fields(item, old.obj, differing), _fields(item, new.obj, differing)
    for name in dict.fromkeys([*before, *after]):
        a, b = before.get(name), after.get(name)
        if a == b:
            continue
        impact, why = classify_field(item, name, old.obj, new.obj, a, b)
        yield Change("changed", item, item_id, impact, name, a, b, new.label, new.parent, why)


def diff_items(item: str, old: dict[str, Entry], new: dict[str, Entry]) -> list[Change]:
    """Added, removed, renamed, moved and changed items of one kind."""
    out: list[Change] = []
    for item_id, entry in new.items():
        if item_id not in old:
            impact, why, loud = classify_added(item, entry.obj)
            out.append(
                Change("added", item, item_id, impact, label=entry.label, where=entry.parent, why=why, callout=loud)
            )
    for item_id, entry in old.items():
        if item_id not in new:
            impact, why, loud = classify_removed(item, entry.obj)
            out.append(
                Change("removed", item, item_id, impact, label=entry.label, where=entry.parent, why=why, callout=loud)
            )
    name_field = NAME_FIELD.get(item)
    for item_id, after in new.items():
        before = old.get(item_id)
        if before is None or (before.obj == after.obj and before.parent == after.parent):
            continue
        if name_field and getattr(before.obj, name_field) != getattr(after.obj, name_field):
            old_name, new_name = getattr(before.obj, name_field), getattr(after.obj, name_field)
            out.append(
                Change("renamed", item, item_id, field=name_field, old=old_name, new=new_name, label=after.label)
            )
        if before.parent != after.parent:
            out.append(
                Change(
                    "moved", item, item_id, old=before.parent, new=after.parent, label=after.label, where=after.parent
                )
            )
        out.extend(_field_changes(item, item_id, before, after))
        if item == "touchpoint":
            impact, why = classify_moment_of_truth(before.obj, after.obj)
            if impact != "neutral":
                old_kpis = [k.id for k in before.obj.kpis]
                new_kpis = [k.id for k in after.obj.kpis]
                out.append(Change("changed", item, item_id, impact, "kpis", old_kpis, new_kpis, after.label, None, why))
    return out


def diff_experiences(old: Journey, new: Journey) -> list[Change]:
    """Each persona's experience added, removed or changed, on the touchpoints both sides have (matched by persona).

    A touchpoint added or removed is one change of its own, experiences and all.
    """
    before = {tp.id: tp for _, _, _, tp in old.iter_touchpoints() if tp.experiences}
    out: list[Change] = []
    for _, _, _, tp in new.iter_touchpoints():
        was = before.get(tp.id)
        if was is None and not tp.experiences:
            continue
        if was is None and old.touchpoint(tp.id) is None:
            continue  # a new touchpoint
        old_side = {e.persona: Entry(e, tp.id, f"{e.persona} at {tp.name}") for e in (was.experiences if was else [])}
        new_side = {e.persona: Entry(e, tp.id, f"{e.persona} at {tp.name}") for e in tp.experiences}
        out.extend(diff_items("experience", old_side, new_side))
    return out


def _order_change(item: str, item_id: str, label: str, field: str, old: list[str], new: list[str]) -> list[Change]:
    """A ``reordered`` change when the items on both sides are not in the same order."""
    common = set(old) & set(new)
    before = [i for i in old if i in common]
    after = [i for i in new if i in common]
    if before == after:
        return []
    return [Change("reordered", item, item_id, field=field, old=before, new=after, label=label)]


def diff_catalog(old: Catalog | None, new: Catalog | None) -> list[Change]:
    """Personas, teams, channels and systems added, removed, renamed or changed."""
    out: list[Change] = []
    for kind in CATALOG_KINDS:
        item = CATALOG_ITEMS[kind]
        before = {e.id: Entry(e, None, _label(item, e)) for e in (getattr(old, kind) if old else [])}
        after = {e.id: Entry(e, None, _label(item, e)) for e in (getattr(new, kind) if new else [])}
        out.extend(diff_items(item, before, after))
    return out


def diff_journeys(old: Journey, new: Journey) -> list[Change]:
    """Every change from ``old`` to ``new``, in map order: the journey, then its items kind by kind."""
    out: list[Change] = []
    label = new.title
    if old.id != new.id:
        out.append(Change("changed", "journey", new.id, field="id", old=old.id, new=new.id, label=label))
    if old.title != new.title:
        out.append(Change("renamed", "journey", new.id, field="title", old=old.title, new=new.title, label=label))
    out.extend(_field_changes("journey", new.id, Entry(old, None, old.title), Entry(new, None, label)))
    out.extend(
        _order_change("journey", new.id, label, "stages", [s.id for s in old.stages], [s.id for s in new.stages])
    )
    before, after = _index(old), _index(new)
    for item in ("stage", "touchpoint", "pain point", "KPI", "opportunity", "evidence"):
        out.extend(diff_items(item, before[item], after[item]))
        if item == "touchpoint":
            out.extend(diff_experiences(old, new))
    old_stages = {s.id: s for s in old.stages}
    for stage in new.stages:
        was = old_stages.get(stage.id)
        if was is not None:
            out.extend(
                _order_change(
                    "stage",
                    stage.id,
                    stage.name,
                    "touchpoints",
                    [t.id for t in was.touchpoints],
                    [t.id for t in stage.touchpoints],
                )
            )
    out.extend(diff_catalog(old.catalog, new.catalog))
    return out
