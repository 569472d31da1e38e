"""Writing files safely: a run that is interrupted never leaves half a file behind."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | Path, text: str | bytes) -> None:
    """Replace ``path`` with ``text`` (UTF-8; or ``bytes`` as they are) in one step.

    The text goes to a temporary file in the same folder (so the rename never
    crosses file systems), is flushed to disk, and is then renamed over the
    target.  Readers see either the old file or the new one, never a mix.
    An existing file keeps its permission bits; a new one gets the usual ones.
    """
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_current_umask()  # what open() would have given a new file
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(text.encode("utf-8") if isinstance(text, str) else text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)  # mkstemp creates files readable by the owner only
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_new(path: str | Path, text: str, *, force: bool = False) -> None:
    """Write a file that must not exist yet (unless ``force``); raises FileExistsError."""
    target = Path(path)
    if target.exists() and not force:
        raise FileExistsError(str(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, text)
