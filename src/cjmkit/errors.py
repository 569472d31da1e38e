"""The errors that cross layers: raised deep inside cjmkit, turned into messages and exit codes by the CLI.

Errors a module raises and catches itself stay in that module.  These are the
ones a caller (the command line, or a program using cjmkit) is expected to
handle, so they live here, below every layer, and any module can raise them
without importing the layer that catches them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only for annotations: `cjm --version` imports this module and must stay fast
    from cjmkit.diagnostics import Diagnostic


class UsageError(Exception):
    """A problem with how cjm was called (exit code 2), not with a journey."""


class InvalidJourney(Exception):
    """Raised by :func:`cjmkit.load` when a file is not a valid journey; ``diagnostics`` says why."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        first = diagnostics[0]
        super().__init__(f"{first.path}:{first.line}:{first.column}: {first.message}")


class LintConfigError(Exception):
    """The lint configuration (``lint:`` in ``cjm.yaml``) has problems; ``diagnostics`` says which."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("; ".join(d.message for d in diagnostics))


class SelectionError(ValueError):
    """``--select`` or ``--ignore`` names a rule that does not exist."""


class RenderError(Exception):
    """A diagram could not be drawn; the message says why and how to fix it."""


class TemplateProblem(Exception):
    """A report template is missing or broken (usually a team's own template)."""


class WorkerLost(RuntimeError):
    """A worker process stopped before it sent its results (killed, or out of memory)."""

    def __init__(self) -> None:
        super().__init__(
            "a worker process ended without a result (the computer may have run out of memory); "
            "try again, or check fewer files at once"
        )


class WorkerError(RuntimeError):
    """A worker's exception that could not be sent back as itself; the message says what it was."""


__all__ = [
    "InvalidJourney",
    "LintConfigError",
    "RenderError",
    "SelectionError",
    "TemplateProblem",
    "UsageError",
    "WorkerError",
    "WorkerLost",
]
