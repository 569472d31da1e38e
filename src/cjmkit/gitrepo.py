"""Reading journey files from git (for ``cjm diff`` and ``cjm history``): revisions, changed paths, contents.

Git always runs without a shell, with the argument list spelled out. A revision
given by the user is checked not to look like an option and passed after
``--end-of-options``; it is resolved to a commit id once, and only that id is
used afterwards.

cjm only reads: it never lets git run a program the repository's configuration
names. The file-system monitor is off, every configured clean/smudge filter is
emptied for the call, external diff and textconv programs are not used, blobs
are read without filters, and a partial clone does not fetch missing objects
(git 2.44 and later). So ``cjm diff`` and ``cjm history`` on an untrusted checkout run nothing of it.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

from cjmkit.errors import UsageError


class GitError(UsageError):
    """Git is missing, the folder is not a repository, or a revision does not exist (exit 2)."""


@dataclass(frozen=True)
class PathChange:
    """One line of ``git diff --name-status``: A, D, M or R with the paths on each side."""

    status: str
    old_path: str | None
    new_path: str | None
    old_link: bool = False
    """The old side is a symbolic link (never read: it may point anywhere)."""
    new_link: bool = False


class GitRepo:
    """A git repository, driven through the ``git`` command."""

    def __init__(self, start: Path, hint: str = ""):
        """The repository holding ``start``; ``hint`` says what to do outside one (it depends on the command)."""
        out = _run_git(["rev-parse", "--show-toplevel"], cwd=start, what="find the git repository")
        if out is None:
            raise GitError(f"{start}: not inside a git repository" + (f" ({hint})" if hint else ""))
        self.top = Path(out.decode("utf-8", "replace").strip())
        self.safety = _no_filters(self.top)

    def git(self, *args: str, stdin: bytes | None = None) -> bytes:
        out = _run_git([*self.safety, *args], cwd=self.top, stdin=stdin, what=f"run git {args[0]}")
        if out is None:
            raise GitError(f"git {args[0]} failed in {self.top}")
        return out

    def resolve(self, rev: str) -> str:
        """The commit id of ``rev``; a clear error for a revision that does not exist."""
        if not rev or rev.startswith("-"):
            raise GitError(f"'{rev}' is not a git revision (a revision cannot be empty or begin with '-')")
        out = _run_git(
            [*self.safety, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"],
            cwd=self.top,
            what="look up the revision",
        )
        if out is None:
            raise GitError(f"unknown git revision '{rev}' (try a branch, a tag or a commit id, like HEAD~1 or main)")
        return out.decode().strip()

    def relative(self, path: Path) -> str:
        """``path`` relative to the top of the repository, '/'-separated ('' for the top itself).

        The path is taken as spelled (a link is not followed); a :class:`GitError` when it lies
        outside the repository.
        """
        spelled = Path(os.path.normpath(Path.cwd() / path))
        for top in (self.top, self.top.resolve()):
            if spelled == top or top in spelled.parents:
                rel = spelled.relative_to(top).as_posix()
                return "" if rel == "." else rel
        raise GitError(f"{path}: outside the git repository {self.top}")

    def changed_paths(self, old: str, new: str | None, under: str) -> list[PathChange]:
        """Files that differ between commit ``old`` and commit ``new`` (``None``: the working tree)."""
        revs = [old] if new is None else [old, new]
        raw = self.git("diff", "--raw", "-z", "-M", "--no-ext-diff", "--no-textconv", *revs, "--", under or ".")
        parts = raw.decode("utf-8", "surrogateescape").split("\0")
        out: list[PathChange] = []
        i = 0
        while i < len(parts) and parts[i].startswith(":"):
            # ":<old mode> <new mode> <old id> <new id> <status>", then the path (two for a rename or copy)
            old_mode, new_mode, _, _, status = parts[i][1:].split(" ")
            links = {"old_link": old_mode == _LINK_MODE, "new_link": new_mode == _LINK_MODE}
            code = status[0]
            if code in "RC":
                src, dst = parts[i + 1], parts[i + 2]
                out.append(PathChange("R", src, dst, **links) if code == "R" else PathChange("A", None, dst, **links))
                i += 3
                continue
            path = parts[i + 1]
            if code == "D":
                out.append(PathChange("D", path, None, **links))
            elif code == "A":
                out.append(PathChange("A", None, path, **links))
            else:  # M, T (type change), U (unmerged): the file is there on both sides
                out.append(PathChange("M", path, path, **links))
            i += 2
        if new is None:
            untracked = self.git("ls-files", "-z", "--others", "--exclude-standard", "--", under or ".")
            out.extend(
                PathChange("A", None, p, new_link=(self.top / p).is_symlink())
                for p in untracked.decode("utf-8", "surrogateescape").split("\0")
                if p
            )
        return out

    def read_many(self, commit: str, paths: list[str]) -> dict[str, bytes | None]:
        """The content of each path at ``commit`` (``None`` where it is not a file there), in one git call."""
        result: dict[str, bytes | None] = {}
        simple = [p for p in paths if "\n" not in p]
        for odd in set(paths) - set(simple):  # --batch reads one name per line
            result[odd] = self.read(commit, odd)
        if not simple:
            return result
        request = "".join(f"{commit}:{p}\n" for p in simple).encode("utf-8", "surrogateescape")
        raw = self.git("cat-file", "--batch", stdin=request)
        pos = 0
        for path in simple:
            end = raw.index(b"\n", pos)
            line = raw[pos:end]
            pos = end + 1
            if line.endswith((b" missing", b" ambiguous")):  # "<name> missing": the name may hold spaces
                result[path] = None
                continue
            header = line.split(b" ")
            if len(header) == 3 and header[1] == b"blob":
                size = int(header[2])
                result[path] = raw[pos : pos + size]
                pos += size + 1
            elif len(header) == 3:  # a tree or a link: skip its content
                pos += int(header[2]) + 1
                result[path] = None
            else:  # "<name> missing"
                result[path] = None
        return result

    def read(self, commit: str, path: str) -> bytes | None:
        """One file's content at ``commit``, or ``None`` when it is not a file there."""
        return _run_git([*self.safety, "cat-file", "blob", f"{commit}:{path}"], cwd=self.top, what="read a file")

    def is_link(self, commit: str, path: str) -> bool:
        """True when ``path`` is a symbolic link at ``commit`` (its blob is the link's target)."""
        out = _run_git([*self.safety, "ls-tree", "-z", commit, "--", path], cwd=self.top, what="read a folder")
        return out is not None and out.split(b" ", 1)[0] == _LINK_MODE.encode()


#: The mode git gives a symbolic link.
_LINK_MODE = "120000"


def _no_filters(top: Path) -> list[str]:
    """``-c`` options that empty every filter the repository's configuration defines.

    Reading the configuration runs nothing; a filter whose commands are empty is not run.
    """
    out = _run_git(["config", "-z", "--get-regexp", r"^filter\..*\.(clean|smudge|process)$"], top, "read the config")
    names = set()
    for entry in (out or b"").decode("utf-8", "surrogateescape").split("\0"):
        key = entry.split("\n", 1)[0]
        if key.count(".") >= 2:
            names.add(key[len("filter.") : key.rindex(".")])
    options = []
    for name in sorted(names):
        for var, value in (("clean", ""), ("smudge", ""), ("process", ""), ("required", "false")):
            options += ["-c", f"filter.{name}.{var}={value}"]
    return options


#: Options on every git call: plain paths, and no program run on cjm's behalf.
_SAFE_OPTIONS = ["--no-pager", "-c", "core.quotePath=false", "-c", "core.fsmonitor=false"]


def _run_git(args: list[str], cwd: Path, what: str, stdin: bytes | None = None) -> bytes | None:
    """Run git; its output, or ``None`` when git says no. Raises :class:`GitError` when git is missing."""
    try:
        proc = subprocess.run(
            ["git", *_SAFE_OPTIONS, *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            check=False,
            env={**os.environ, "GIT_NO_LAZY_FETCH": "1", "GIT_TERMINAL_PROMPT": "0"},
        )
    except FileNotFoundError:
        raise GitError(f"cannot {what}: git is not installed (or not on PATH)") from None
    except NotADirectoryError:
        raise GitError(f"cannot {what}: {cwd} is not a folder") from None
    return proc.stdout if proc.returncode == 0 else None
