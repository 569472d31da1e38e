"""Files that ship with cjmkit (report and journey templates)."""

from __future__ import annotations

from pathlib import Path

import cjmkit


def templates_dir() -> Path:
    """The ``templates`` folder: inside the installed package, or at the root of a source checkout."""
    packaged = Path(cjmkit.__file__).parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(cjmkit.__file__).parents[2] / "templates"
