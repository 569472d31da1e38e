"""One finding type for everything cjm reports, and its output formats.

``validate`` problems and ``lint`` findings are both :class:`Diagnostic`; the
formatters in :mod:`cjmkit.diagnostics.output` print any list of them.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """3 for an error, 2 for a warning, 1 for info: compare severities by it."""
        return _RANKS[self]


_RANKS = {Severity.ERROR: 3, Severity.WARNING: 2, Severity.INFO: 1}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A problem or finding at a place in a file.

    ``line`` and ``column`` are 1-based; 0 means "the file as a whole".
    ``code`` is a validation code (``E131``) or a lint rule code; ``rule`` is the
    lint rule's name when the finding comes from lint.
    """

    code: str
    message: str
    path: str
    line: int = 0
    column: int = 0
    severity: Severity = Severity.ERROR
    key_path: str = ""
    expected: str | None = None
    found: str | None = None
    hint: str | None = None
    rule: str | None = None
    item_id: str | None = None

    @property
    def label(self) -> str:
        """The bracketed name shown in output: the rule name for lint, else the code."""
        return self.rule or self.code

    def to_dict(self) -> dict[str, Any]:
        # Built by hand: dataclasses.asdict deep-copies and is slow for many findings.
        return {name: getattr(self, name) for name in _FIELDS} | {"severity": self.severity.value}

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)


_FIELDS = tuple(f.name for f in fields(Diagnostic))


def format_loc(loc: tuple[str | int, ...] | list[str | int]) -> str:
    """``("stages", 1, "touchpoints", 0, "emotion")`` -> ``stages[1].touchpoints[0].emotion``."""
    out: list[str] = []
    for part in loc:
        if isinstance(part, int):
            out.append(f"[{part}]")
        else:
            out.append(("." if out else "") + str(part))
    return "".join(out)


__all__ = ["Diagnostic", "Severity", "format_loc"]


def numbered_repeats(names: list[str], separator: str) -> list[str]:
    """``names`` with the second and later copies of a name numbered (``name#2``), so each is unique.

    Machine-readable outputs key findings by such names (JUnit test cases, SARIF fingerprints);
    two findings that share one would be shown as one.
    """
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}{separator}{seen[name]}")
    return out
