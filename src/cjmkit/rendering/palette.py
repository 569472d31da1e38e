"""The colours and words every view uses for emotions, severities and change, so they read the same everywhere.

The emotion scale is a red-to-blue diverging scale (ColorBrewer RdBu), which
people with the common forms of colour blindness can tell apart; every view
also prints the number, so colour is never the only cue.
"""

from __future__ import annotations

from cjmkit.model.catalog import Catalog

#: Fill colour per observed emotion, -2 (very negative) .. +2 (very positive).
EMOTION_FILL: dict[int, str] = {-2: "#b2182b", -1: "#f4a582", 0: "#f7f7f7", 1: "#92c5de", 2: "#2166ac"}
#: Text colour readable on each fill (contrast at least 4.5:1).
EMOTION_INK: dict[int, str] = {-2: "#ffffff", -1: "#1f2328", 0: "#1f2328", 1: "#1f2328", 2: "#ffffff"}
#: Fill for a touchpoint with no observed emotion yet.
NO_EMOTION_FILL = "#ffffff"

EMOTION_WORDS: dict[int, str] = {
    -2: "very negative",
    -1: "negative",
    0: "neutral",
    1: "positive",
    2: "very positive",
}

#: One line colour per persona on the emotion curve (after the sixth they repeat). Each has a contrast of at
#: least 4.5:1 against the white curve and none is the overall curve's navy or the desired curve's green.
PERSONA_COLOURS: tuple[str, ...] = ("#0072b2", "#a63603", "#8e3b8e", "#00796b", "#c2185b", "#5d4037")

SEVERITY_COLOURS: dict[str, str] = {
    "critical": "#7f0000",
    "high": "#b2182b",
    "medium": "#b35806",
    "low": "#4d4d4d",
    "unprioritised": "#6e7781",
}

#: How a diff highlights an item: border colour, border style and the word shown.
CHANGE_STYLES: dict[str, tuple[str, str, str]] = {
    "added": ("#1a7f37", "bold", "added"),
    "removed": ("#cf222e", "dashed", "removed"),
    "changed": ("#9a6700", "bold", "changed"),
}


def signed(value: int | float) -> str:
    """An emotion as people write it: +2, 0, −1 (with a real minus sign)."""
    if isinstance(value, float) and not value.is_integer():
        text = f"{abs(value):.1f}"
    else:
        text = str(abs(int(value)))
    if value > 0:
        return f"+{text}"
    if value < 0:
        return f"−{text}"
    return text


class Names:
    """Display names for catalog ids (the id itself when the catalog has no entry)."""

    def __init__(self, catalog: Catalog | None):
        cat = catalog or Catalog()
        self.personas = {p.id: p.name for p in cat.personas}
        self.teams = {t.id: t.name for t in cat.teams}
        self.channels = {c.id: c.name for c in cat.channels}
        self.systems = {s.id: s.name for s in cat.systems}

    def persona(self, ref: str) -> str:
        return self.personas.get(ref, ref)

    def team(self, ref: str | None) -> str:
        return self.teams.get(ref, ref) if ref else ""

    def channel(self, ref: str | None) -> str:
        return self.channels.get(ref, ref) if ref else ""

    def system(self, ref: str | None) -> str:
        return self.systems.get(ref, ref) if ref else ""
