"""cjmkit: customer journey maps as code.

The Python API under the ``cjm`` command::

    import cjmkit
    journey = cjmkit.load("examples/journeys/tour-booking.cjm.yaml")
    report = cjmkit.validate(["examples"])
    for d in report.diagnostics:
        print(d.path, d.line, d.message)

Heavy modules are imported on first use, so ``import cjmkit`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cjmkit.errors import InvalidJourney

__version__ = "0.1.0"

if TYPE_CHECKING:
    from pathlib import Path

    from cjmkit.model import Journey
    from cjmkit.validation import Report


def load(path: str | Path) -> Journey:
    """Load and validate one journey file; raise :class:`InvalidJourney` if it has problems."""
    from cjmkit.validation import check

    result = check([path]).results[0]
    if result.journey is None or not result.valid:
        raise InvalidJourney(result.diagnostics)
    return result.journey


def validate(paths: Any = None, **kwargs: Any) -> Report:
    """Validate journey files; see :func:`cjmkit.validation.validate`."""
    from cjmkit.validation import validate as _validate

    return _validate(paths, **kwargs)


__all__ = ["InvalidJourney", "__version__", "load", "validate"]
