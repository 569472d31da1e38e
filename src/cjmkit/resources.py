"""Files that ship with cjmkit (report and journey templates)."""

from __future__ import annotations

from pathlib import Path

#: The cjmkit package folder (this module sits in it).
_PACKAGE = Path(__file__).resolve().parent


def templates_dir() -> Path:
    """The ``templates`` folder: inside the installed package, or at the root of a source checkout."""
    packaged = _PACKAGE / "templates"
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parents[1] / "templates"
