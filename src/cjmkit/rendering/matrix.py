"""Two-by-two charts for the report, as plain SVG coordinates (no script: the report's CSP forbids it).

- The perception matrix: each touchpoint at the customer's importance (up) and performance
  (right), with an arrow from where the company puts it. "Fix first" is important and poor.
- The value-effort matrix: each open opportunity at its effort (right) and value (up).

Both axes run 1..5; the quadrant lines sit at 2.5, so a rating of 3 or more is "high".
The template draws; everything it needs (positions, labels, quadrant names) is computed here,
and the same figures fill the table beside each chart for screen readers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cjmkit.model.journey import Journey

#: The drawing: a square plot with room for the axis titles and tick labels.
SIZE = 420
LEFT = 64
TOP = 24
PLOT = SIZE - LEFT - 24
#: The axes run half a step beyond 1..5, so a dot at 1 or 5 stays inside the frame.
LOW, HIGH = 0.5, 5.5
SPLIT = 2.5


def x_of(value: float) -> float:
    return round(LEFT + (value - LOW) / (HIGH - LOW) * PLOT, 2)


def y_of(value: float) -> float:
    return round(TOP + (HIGH - value) / (HIGH - LOW) * PLOT, 2)


@dataclass
class Quadrant:
    name: str
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    tone: str = ""  # "bad" or "good": the quadrant the chart is about

    @property
    def anchor(self) -> str:
        """Where the name is anchored: at the outer corner, away from the lines through the middle."""
        return "end" if self.label_x > self.x + self.width / 2 else "start"


def _quadrants(
    top_left: str, top_right: str, bottom_left: str, bottom_right: str, emphasis: str, tone: str
) -> list[Quadrant]:
    mid_x, mid_y = x_of(SPLIT), y_of(SPLIT)
    right, bottom = LEFT + PLOT, TOP + PLOT
    boxes = [
        (top_left, LEFT, TOP, mid_x - LEFT, mid_y - TOP, LEFT + 6, TOP + 16),
        (top_right, mid_x, TOP, right - mid_x, mid_y - TOP, right - 6, TOP + 16),
        (bottom_left, LEFT, mid_y, mid_x - LEFT, bottom - mid_y, LEFT + 6, bottom - 8),
        (bottom_right, mid_x, mid_y, right - mid_x, bottom - mid_y, right - 6, bottom - 8),
    ]
    return [Quadrant(n, x, y, w, h, lx, ly, tone if n == emphasis else "") for n, x, y, w, h, lx, ly in boxes]


@dataclass
class MatrixPoint:
    """One item at ``(x_value, y_value)``; ``from_*`` is where the arrow starts (None: no arrow)."""

    number: int
    ident: str
    label: str
    x_value: float
    y_value: float
    quadrant: str
    from_x_value: float | None = None
    from_y_value: float | None = None
    note: str = ""

    @property
    def cx(self) -> float:
        return x_of(self.x_value)

    @property
    def cy(self) -> float:
        return y_of(self.y_value)

    @property
    def arrow(self) -> tuple[float, float, float, float] | None:
        """The arrow from the company's point to the customer's, stopped short of the dot."""
        if self.from_x_value is None or self.from_y_value is None:
            return None
        x1, y1 = x_of(self.from_x_value), y_of(self.from_y_value)
        dx, dy = self.cx - x1, self.cy - y1
        length = (dx * dx + dy * dy) ** 0.5
        if length < 1:
            return None
        gap = 12 / length
        return x1, y1, round(self.cx - dx * gap, 2), round(self.cy - dy * gap, 2)


@dataclass
class Matrix:
    """A chart: its title, axis names, quadrants and points; ``unplotted`` items lack a rating."""

    title: str
    x_name: str
    y_name: str
    quadrants: list[Quadrant]
    points: list[MatrixPoint]
    unplotted: list[str] = field(default_factory=list)
    size: int = SIZE

    @property
    def ticks(self) -> list[tuple[int, float, float]]:
        return [(v, x_of(v), y_of(v)) for v in range(1, 6)]

    @property
    def plot(self) -> tuple[float, float, float, float]:
        return LEFT, TOP, PLOT, PLOT

    @property
    def split(self) -> tuple[float, float]:
        return x_of(SPLIT), y_of(SPLIT)

    @property
    def labels(self) -> list[tuple[float, float, str, float]]:
        """One label per position: the numbers of the points drawn there (they may share a place),
        and the width of the pill behind them (0: the dot is wide enough)."""
        at: dict[tuple[float, float], list[str]] = {}
        for p in self.points:
            at.setdefault((p.cx, p.cy), []).append(str(p.number))
        out = []
        for (x, y), numbers in at.items():
            text = ",".join(numbers)
            out.append((x, y, text, 0.0 if len(text) <= 2 else 8.0 + 6.6 * len(text)))
        return out


FIX_FIRST = "fix first"


def perception_quadrant(importance: float, performance: float) -> str:
    """fix first (important, performing poorly), keep it up, low priority or possible overkill."""
    important, good = importance > SPLIT, performance > SPLIT
    if important:
        return "keep it up" if good else FIX_FIRST
    return "possible overkill" if good else "low priority"


def perception_matrix(journey: Journey) -> Matrix | None:
    """The touchpoints with a customer importance and performance; None when no touchpoint has both."""
    points: list[MatrixPoint] = []
    unplotted: list[str] = []
    for _, _, _, tp in journey.iter_touchpoints():
        imp, perf = tp.importance, tp.performance
        if imp is None or perf is None or imp.customer is None or perf.customer is None:
            if (imp and (imp.customer or imp.company)) or (perf and (perf.customer or perf.company)):
                unplotted.append(tp.name)
            continue
        company = imp.company is not None and perf.company is not None
        points.append(
            MatrixPoint(
                len(points) + 1,
                tp.id,
                tp.name,
                perf.customer,
                imp.customer,
                perception_quadrant(imp.customer, perf.customer),
                perf.company if company else None,
                imp.company if company else None,
            )
        )
    if not points:
        return None
    quadrants = _quadrants(FIX_FIRST, "keep it up", "low priority", "possible overkill", FIX_FIRST, "bad")
    return Matrix("Perception matrix", "Performance", "Importance", quadrants, points, unplotted)


def value_effort_matrix(items: list[tuple[str, str, float | None, float | None, str | None]]) -> Matrix | None:
    """Opportunities ``(id, title, value, effort, quadrant)`` at their effort and value; None when none is scored."""
    points: list[MatrixPoint] = []
    unplotted: list[str] = []
    for ident, title, value, effort, quadrant in items:
        if value is None or effort is None or quadrant is None:
            unplotted.append(title)
            continue
        points.append(MatrixPoint(len(points) + 1, ident, title, effort, value, quadrant))
    if not points:
        return None
    quadrants = _quadrants("quick win", "big bet", "fill-in", "money pit", "quick win", "good")
    return Matrix("Value and effort of the open opportunities", "Effort", "Value", quadrants, points, unplotted)
