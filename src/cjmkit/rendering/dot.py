"""DOT source for the two Graphviz views of a journey: the flow and the service blueprint.

Every piece of user text goes through :mod:`cjmkit.rendering.quoting`, so the
DOT always parses whatever the map says.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from cjmkit import facts
from cjmkit.model.catalog import Catalog
from cjmkit.model.journey import Journey, Stage, Touchpoint
from cjmkit.rendering.fonts import FAMILY, text_width
from cjmkit.rendering.palette import (
    CHANGE_STYLES,
    EMOTION_FILL,
    EMOTION_INK,
    NO_EMOTION_FILL,
    Names,
    signed,
)
from cjmkit.rendering.quoting import clean_lines, dot_string, wrap

VIEWS = ("flow", "blueprint")
#: One font for layout and drawing (see :mod:`cjmkit.rendering.fonts`).
FONT = FAMILY
#: Touchpoint boxes of the flow view: text size and the horizontal margin inside the box (inches).
FLOW_FONTSIZE, FLOW_MARGIN = 11, 0.12
#: Cells of the blueprint.
CELL_FONTSIZE, CELL_MARGIN = 10, 0.1


def _fit_width(lines: Iterable[str], fontsize: float, margin: float, least: float = 0.0) -> str:
    """A box width (inches) that holds the widest of ``lines``, whatever Graphviz thinks the text measures.

    ``width`` is a minimum for Graphviz: a layout that measures the text the
    same way changes nothing, one that measures it narrower (a system Graphviz
    without DejaVu Sans, characters its tables lack) still leaves room for it.
    """
    widest = max((text_width(line, fontsize) for line in lines), default=0.0)
    return f"{max(least, (widest + 1) / 72 + 2 * margin):.3f}"


def _attrs(**attrs: str) -> str:
    """``[key="value", ...]`` with every value quoted (values here are our own, never user text)."""
    return "[" + ", ".join(f"{k}={v}" for k, v in attrs.items()) + "]"


def _node_id(tp_id: str) -> str:
    return dot_string(f"tp:{tp_id}")


def _emotion_line(tp: Touchpoint) -> str:
    emotion = facts.touchpoint_emotion(tp)
    if emotion is None and tp.desired_emotion is None:
        return ""
    parts = []
    if emotion is not None:
        mean = " (mean)" if facts.emotion_is_derived(tp) else ""
        parts.append(f"feels {signed(emotion)}{mean}")
    if tp.desired_emotion is not None:
        parts.append(f"wants {signed(tp.desired_emotion)}")
    gap = facts.emotion_gap(tp)
    marker = " ▲" if gap is not None and gap > 0 else ""
    return " · ".join(parts) + marker


def _emotion_step(tp: Touchpoint) -> int | None:
    """The whole step of the emotion scale that colours the touchpoint (a derived mean is rounded)."""
    emotion = facts.touchpoint_emotion(tp)
    return None if emotion is None else facts.rounded_emotion(emotion)


def _pain_line(tp: Touchpoint) -> str:
    if not tp.pain_points:
        return ""
    worst = facts.highest_severity(tp)
    count = len(tp.pain_points)
    noun = "pain point" if count == 1 else "pain points"
    return f"⚠ {count} {noun}" + (f" · {worst}" if worst else "")


def _touchpoint_label(tp: Touchpoint, names: Names, change: str | None) -> list[str]:
    # Plain text labels only: the embedded Graphviz has no HTML-like labels.
    lines = [_short(wrap(tp.name), 120)]
    if change:
        lines.insert(0, f"[{CHANGE_STYLES[change][2].upper()}]")
    if tp.channel:
        lines.append(_short(names.channel(tp.channel), 40))
    if line := _emotion_line(tp):
        lines.append(line)
    if line := _pain_line(tp):
        lines.append(line)
    if tp.moment_of_truth:
        lines.append("★ moment of truth")
    return lines


def _short(text: str, max_chars: int) -> str:
    return text if len(text) <= max_chars else text[: max_chars - 1].rstrip() + "…"


def _tooltip(tp: Touchpoint) -> str:
    parts = [tp.name]
    if tp.description:
        parts.append(tp.description)
    parts += [f"Pain point ({pp.severity or 'unprioritised'}): {pp.description}" for pp in tp.pain_points]
    return "\n".join(parts)


def _touchpoint_node(tp: Touchpoint, names: Names, change: str | None) -> str:
    step = _emotion_step(tp)
    fill = EMOTION_FILL[step] if step is not None else NO_EMOTION_FILL
    ink = EMOTION_INK[step] if step is not None else "#1f2328"
    classes = ["touchpoint", f"emotion-{step}" if step is not None else "emotion-none"]
    lines = _touchpoint_label(tp, names, change)
    attrs = {
        "id": dot_string(f"tp-{tp.id}"),
        "label": dot_string("\n".join(lines)),
        "width": _fit_width(clean_lines("\n".join(lines)).split("\n"), FLOW_FONTSIZE, FLOW_MARGIN),
        "tooltip": dot_string(_tooltip(tp)),
        "fillcolor": dot_string(fill),
        "fontcolor": dot_string(ink),
    }
    border, style, pen = "#57606a", "rounded,filled", "1"
    if tp.moment_of_truth:
        border, style, pen = "#1f2328", "rounded,filled,bold", "2.5"
        classes.append("moment-of-truth")
    if change:
        border, line, _ = CHANGE_STYLES[change]
        style, pen = f"rounded,filled,{line}", "3"
        classes.append(change)
    attrs.update(
        color=dot_string(border), style=dot_string(style), penwidth=pen, **{"class": dot_string(" ".join(classes))}
    )
    return f"    {_node_id(tp.id)} {_attrs(**attrs)};"


def _stage_cluster(si: int, stage: Stage, names: Names, highlight: dict[str, str]) -> list[str]:
    change = highlight.get(stage.id)
    label = _short(stage.name, 80)
    if stage.owner:
        label += f"\n({_short(names.team(stage.owner), 40)})"
    if change:
        label = f"[{CHANGE_STYLES[change][2].upper()}] {label}"
    border, style, pen = "#d0d7de", "rounded,filled", "1"
    if change:
        border, line, _ = CHANGE_STYLES[change]
        style, pen = f"rounded,filled,{line}", "3"
    out = [
        f"  subgraph {dot_string(f'cluster_{si}')} {{",
        f'    label={dot_string(label)}; fontsize=13; id={dot_string(f"stage-{stage.id}")}; class="stage";',
        f'    style={dot_string(style)}; fillcolor="#f6f8fa"; color={dot_string(border)}; penwidth={pen};',
        f"    tooltip={dot_string(stage.goal or stage.name)};",
    ]
    if not stage.touchpoints:
        # A stage with no touchpoints yet still gets its column.
        placeholder = dot_string(f"empty:{stage.id}")
        out.append(
            f'    {placeholder} [label="no touchpoints yet", style="rounded,dashed", color="#8c959f", '
            f'fontcolor="#57606a", fillcolor="#ffffff"];'
        )
    out += [_touchpoint_node(tp, names, highlight.get(tp.id)) for tp in stage.touchpoints]
    out.append("  }")
    return out


def _stage_anchor(stage: Stage, last: bool) -> str:
    if not stage.touchpoints:
        return dot_string(f"empty:{stage.id}")
    return _node_id(stage.touchpoints[-1 if last else 0].id)


def _order_edges(stages: list[Stage]) -> Iterable[str]:
    """Invisible edges that keep the stages left to right in map order, whatever the flow does."""
    for left, right in itertools.pairwise(stages):
        yield f"  {_stage_anchor(left, True)} -> {_stage_anchor(right, False)} [style=invis, weight=10];"


def flow_dot(journey: Journey, catalog: Catalog | None, highlight: dict[str, str] | None = None) -> str:
    """The flow view as DOT: stages as clusters left to right, touchpoints coloured by emotion, ``next`` as edges.

    ``highlight`` maps a stage or touchpoint id to ``added``, ``removed`` or
    ``changed``; those items get a coloured border and the word on them (for
    ``cjm diff``).  Unknown ids and unknown kinds of change are ignored.
    """
    names = Names(catalog if catalog is not None else journey.catalog)
    marks = {k: v for k, v in (highlight or {}).items() if v in CHANGE_STYLES}
    lines = [
        f"digraph {dot_string(journey.id)} {{",
        f"  graph [rankdir=LR, newrank=true, compound=true, nodesep=0.25, ranksep=0.45, "
        f'fontname="{FONT}", fontsize=12, labelloc=t, labeljust=l, '
        f"label={dot_string(journey.title)}, tooltip={dot_string(journey.title)}];",
        f'  node [shape=box, style="rounded,filled", fontname="{FONT}", fontsize={FLOW_FONTSIZE}, '
        f'margin="{FLOW_MARGIN},0.06"];',
        f'  edge [color="#57606a", arrowsize=0.7, fontname="{FONT}"];',
    ]
    for si, stage in enumerate(journey.stages):
        lines += _stage_cluster(si, stage, names, marks)
    known = {tp.id for _, _, _, tp in journey.iter_touchpoints()}
    for src, dst in facts.flow_edges(journey):
        if src in known and dst in known:
            lines.append(f"  {_node_id(src)} -> {_node_id(dst)};")
    lines += _order_edges(journey.stages)
    lines.append("}")
    return "\n".join(lines) + "\n"


# -- the service blueprint ----------------------------------------------------

LANES = (
    "Channel / evidence",
    "Customer actions",
    "Touchpoints (frontstage)",
    "Line of visibility",
    "Backstage: teams and processes",
    "Support systems",
)
_VISIBILITY = 3


def _left(items: list[str]) -> str:
    """A left-justified multi-line DOT label ("—" for an empty cell), with the width that holds it."""
    if not items:
        return dot_string("—")
    text = "\n".join(_short(wrap(i, 26), 200) for i in items)
    width = _fit_width(clean_lines(text).split("\n"), CELL_FONTSIZE, CELL_MARGIN)
    return f"{dot_string(text, justify='l')}, width={width}"


def _blueprint_cells(tp: Touchpoint, names: Names, evidence_titles: dict[str, str]) -> list[list[str]]:
    channel = [names.channel(tp.channel)] if tp.channel else []
    channel += [f"Evidence: {evidence_titles.get(e, e)}" for e in tp.evidence]
    front = [tp.name]
    if line := _emotion_line(tp):
        front.append(line)
    if tp.moment_of_truth:
        front.append("★ moment of truth")
    backstage = []
    systems: list[str] = []
    for step in tp.backstage:
        who = names.team(step.team)
        text = f"{who}: {step.process}" if who and step.process else who or step.process or ""
        if text:
            backstage.append(text)
        if step.system and names.system(step.system) not in systems:
            systems.append(names.system(step.system))
    return [channel, list(tp.actions), front, [], backstage, systems]


def blueprint_dot(journey: Journey, catalog: Catalog | None) -> str:
    """The service-blueprint view as DOT.

    One column per touchpoint, grouped in a box per stage; lanes top to bottom:
    channel and evidence, customer actions, touchpoints, the line of
    visibility, backstage teams and processes, support systems.  The grid is
    held in place by invisible edges (down each column, across each lane).
    """
    names = Names(catalog if catalog is not None else journey.catalog)
    evidence_titles = {e.id: e.title or e.id for e in journey.evidence}
    out = [
        f"digraph {dot_string(journey.id)} {{",
        f'  graph [rankdir=TB, newrank=true, nodesep=0.12, ranksep=0.2, fontname="{FONT}", fontsize=14, '
        f"labelloc=t, labeljust=l, label={dot_string(journey.title + ' (service blueprint)')}];",
        f'  node [shape=box, style="filled", fillcolor="#ffffff", color="#d0d7de", fontname="{FONT}", '
        f'fontsize={CELL_FONTSIZE}, margin="{CELL_MARGIN},0.05"];',
        "  edge [style=invis, weight=100];",
    ]

    def cell(col: str, lane: int) -> str:
        return dot_string(f"{col}:{lane}")

    columns = ["lanes"]
    for li, title in enumerate(LANES):
        style = 'fontcolor="#ffffff", fillcolor="#57606a"' if li == _VISIBILITY else 'fillcolor="#eaeef2"'
        width = _fit_width([title], CELL_FONTSIZE, CELL_MARGIN, least=1.6)
        out.append(f"  {cell('lanes', li)} [label={dot_string(title)}, shape=box, {style}, width={width}];")
    col_no = 0
    for si, stage in enumerate(journey.stages):
        out.append(f"  subgraph {dot_string(f'cluster_{si}')} {{")
        out.append(
            f'    label={dot_string(_short(stage.name, 80))}; fontsize=13; style="rounded,filled"; '
            f'fillcolor="#f6f8fa"; color="#8c959f"; id={dot_string(f"stage-{stage.id}")};'
        )
        tps: list[Touchpoint | None] = list(stage.touchpoints) or [None]
        for tp in tps:
            col = f"c{col_no}"
            col_no += 1
            columns.append(col)
            lanes = _blueprint_cells(tp, names, evidence_titles) if tp else [[] for _ in LANES]
            for li, items in enumerate(lanes):
                if li == _VISIBILITY:
                    out.append(f'    {cell(col, li)} [shape=point, width=0.01, height=0.01, label=""];')
                    continue
                extra = ""
                if li == 2 and tp is not None and (step := _emotion_step(tp)) is not None:
                    extra = f", fillcolor={dot_string(EMOTION_FILL[step])}, fontcolor={dot_string(EMOTION_INK[step])}"
                if li == 2 and tp is not None and tp.moment_of_truth:
                    extra += ', penwidth=2.5, color="#1f2328"'
                if not items:
                    extra += ', color="#ffffff", fontcolor="#8c959f"'
                out.append(f"    {cell(col, li)} [label={_left(items)}{extra}];")
        out.append("  }")
    for li in range(len(LANES)):
        out.append("  { rank=same; " + " ".join(cell(c, li) for c in columns) + "; }")
        # Across each lane: keeps columns in map order; the visibility lane's links are the drawn line.
        link = ' [style=dashed, color="#57606a", penwidth=1.5, arrowhead=none, weight=1]' if li == _VISIBILITY else ""
        for a, b in itertools.pairwise(columns):
            out.append(f"  {cell(a, li)} -> {cell(b, li)}{link};")
    for c in columns:
        out.append("  " + " -> ".join(cell(c, li) for li in range(len(LANES))) + ";")
    out.append("}")
    return "\n".join(out) + "\n"


def journey_dot(journey: Journey, catalog: Catalog | None, view: str = "flow") -> str:
    """DOT for ``view`` (``flow`` or ``blueprint``)."""
    if view == "blueprint":
        return blueprint_dot(journey, catalog)
    return flow_dot(journey, catalog)
