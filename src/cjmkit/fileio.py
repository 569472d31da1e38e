"""Writing files safely.

* A run that is interrupted never leaves half a file behind: a regular file is
  replaced in one step (temporary file, then rename).
* What stands at the path is never replaced by something else: a symbolic link
  is written through to the file it points to; a FIFO or a character device
  (``/dev/null``, a terminal) is written into as a stream; anything else that
  is not a regular file (a folder, a block device, a socket) is refused.
* ``-`` as an output path is standard output.
* A file that is read, changed and written back (``fmt``, ``kpi update``,
  ``import --update``) is only replaced if nobody changed it in between:
  :func:`read_for_update` records what was read, :func:`replace_checked`
  compares before it writes.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

#: The output path that means standard output.
STDOUT = "-"


class NotAFileError(OSError):
    """The path names something that must not be replaced by a file (a folder, a device, a socket)."""


class ChangedOnDiskError(OSError):
    """The file changed on disk between reading it and writing it back."""


@dataclass(frozen=True)
class Snapshot:
    """What a file was when it was read: enough to tell that it changed since."""

    path: Path  # the real file (symbolic links resolved)
    size: int
    mtime_ns: int
    inode: int
    digest: str


def is_stdout(path: str | Path | None) -> bool:
    return path is not None and str(path) == STDOUT


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def real_target(path: str | Path) -> Path:
    """The path a write must go to: a symbolic link's final target (which may not exist yet)."""
    target = Path(path)
    if target.is_symlink():
        return Path(os.path.realpath(target))
    return target


def _encode(text: str | bytes) -> bytes:
    return text.encode("utf-8") if isinstance(text, str) else text


def _write_stream(target: Path, data: bytes) -> None:
    """Write into a FIFO or character device as it stands (it cannot be replaced, and must not be)."""
    with open(target, "wb") as handle:
        handle.write(data)


def _replace_regular(target: Path, data: bytes, mode: int | None) -> None:
    folder = target.parent if str(target.parent) else Path(".")
    if mode is None:
        mode = 0o666 & ~_current_umask()  # what open() would have given a new file
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)  # mkstemp creates files readable by the owner only
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def write_atomic(path: str | Path, text: str | bytes) -> None:
    """Write ``text`` (UTF-8; or ``bytes`` as they are) to ``path``.

    A regular file (or a new one) is replaced in one step: the text goes to a
    temporary file in the same folder, is flushed to disk, and is renamed over
    the target, so readers see either the old file or the new one.  It keeps
    its permission bits.  A symbolic link is followed; a FIFO or character
    device is written as a stream; ``-`` is standard output; anything else
    raises :class:`NotAFileError`.
    """
    data = _encode(text)
    if is_stdout(path):
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = real_target(path)
    try:
        info = target.stat()
    except FileNotFoundError:
        _replace_regular(target, data, None)
        return
    if stat.S_ISREG(info.st_mode):
        _replace_regular(target, data, info.st_mode & 0o7777)
    elif stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode):
        _write_stream(target, data)
    else:
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise NotAFileError(0, f"{kind}; cjm only writes regular files, FIFOs and character devices", str(path))


def write_new(path: str | Path, text: str | bytes, *, force: bool = False) -> None:
    """Write a file that must not exist yet (unless ``force``); raises FileExistsError.

    A FIFO, a character device and ``-`` are outputs, not files someone wrote: they take the text
    without ``force``.
    """
    if is_stdout(path):
        write_atomic(path, text)
        return
    target = Path(path)
    try:
        info = real_target(target).stat()
    except FileNotFoundError:
        info = None
    if info is not None and not force and not (stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode)):
        raise FileExistsError(str(target))
    if target.is_symlink() and info is None:
        raise FileExistsError(str(target))  # a dangling link: never create files where it points
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, text)


def _snapshot(target: Path, raw: bytes, info: os.stat_result) -> Snapshot:
    return Snapshot(target, info.st_size, info.st_mtime_ns, info.st_ino, hashlib.sha256(raw).hexdigest())


def read_bytes_for_update(path: str | Path) -> tuple[bytes, Snapshot]:
    """The bytes of the file at ``path`` (through a symbolic link) and a snapshot to write back against."""
    target = real_target(path)
    if not stat.S_ISREG(target.stat().st_mode):  # before open(): opening a FIFO would wait for a writer
        raise NotAFileError(0, "not a regular file", str(path))
    with open(target, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise NotAFileError(0, "not a regular file", str(path))
        raw = handle.read()
    return raw, _snapshot(target, raw, info)


def read_for_update(path: str | Path) -> tuple[str, Snapshot]:
    """The text of the file (UTF-8, kept exactly: BOM and line ends included) and its snapshot."""
    raw, snap = read_bytes_for_update(path)
    return raw.decode("utf-8"), snap


def unchanged_since(snapshot: Snapshot) -> bool:
    """True if the file still holds exactly what was read."""
    try:
        info = snapshot.path.stat()
    except FileNotFoundError:
        return False
    if (info.st_size, info.st_mtime_ns, info.st_ino) == (snapshot.size, snapshot.mtime_ns, snapshot.inode):
        return True  # the cheap check; when it differs, the bytes decide (a touch is not an edit)
    if info.st_size != snapshot.size:
        return False
    try:
        return hashlib.sha256(snapshot.path.read_bytes()).hexdigest() == snapshot.digest
    except OSError:
        return False


def replace_checked(path: str | Path, text: str | bytes, snapshot: Snapshot) -> None:
    """Replace the file read with :func:`read_for_update` by ``text``, unless it changed since.

    Raises :class:`ChangedOnDiskError` (and writes nothing) when the file on disk is no longer
    what was read: someone edited it meanwhile, and their edit must not be lost.
    """
    if not unchanged_since(snapshot):
        raise ChangedOnDiskError(
            0, "the file changed on disk while cjm worked on it; nothing was written, run the command again", str(path)
        )
    info = snapshot.path.stat()
    _replace_regular(snapshot.path, _encode(text), info.st_mode & 0o7777)
