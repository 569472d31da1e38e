"""Reading journey files from git: revisions, changed paths, file contents at a revision.

Git always runs without a shell, with the argument list spelled out. A revision
given by the user is checked not to look like an option and passed after
``--end-of-options``; it is resolved to a commit id once, and only that id is
used afterwards.
"""

from __future__ import annotations

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


class GitRepo:
    """A git repository, driven through the ``git`` command."""

    def __init__(self, start: Path):
        out = _run_git(["rev-parse", "--show-toplevel"], cwd=start, what="find the git repository")
        if out is None:
            raise GitError(f"{start}: not inside a git repository (to compare two files, give both paths)")
        self.top = Path(out.decode("utf-8", "replace").strip())

    def git(self, *args: str, stdin: bytes | None = None) -> bytes:
        out = _run_git(list(args), cwd=self.top, stdin=stdin, what=f"run git {args[0]}")
        if out is None:
            raise GitError(f"git {args[0]} failed in {self.top}")
        return out

    def resolve(self, rev: str) -> str:
        """The commit id of ``rev``; a clear error for a revision that does not exist."""
        if not rev or rev.startswith("-"):
            raise GitError(f"'{rev}' is not a git revision (a revision cannot be empty or begin with '-')")
        out = _run_git(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"],
            cwd=self.top,
            what="look up the revision",
        )
        if out is None:
            raise GitError(f"unknown git revision '{rev}' (try a branch, a tag or a commit id, like HEAD~1 or main)")
        return out.decode().strip()

    def relative(self, path: Path) -> str:
        """``path`` relative to the top of the repository, '/'-separated ('' for the top itself)."""
        rel = path.resolve().relative_to(self.top.resolve()).as_posix()
        return "" if rel == "." else rel

    def changed_paths(self, old: str, new: str | None, under: str) -> list[PathChange]:
        """Files that differ between commit ``old`` and commit ``new`` (``None``: the working tree)."""
        revs = [old] if new is None else [old, new]
        raw = self.git("diff", "--name-status", "-z", "-M", "--no-ext-diff", "--no-textconv", *revs, "--", under or ".")
        parts = raw.decode("utf-8", "surrogateescape").split("\0")
        out: list[PathChange] = []
        i = 0
        while i < len(parts) and parts[i]:
            code = parts[i][0]
            if code in "RC":
                src, dst = parts[i + 1], parts[i + 2]
                out.append(PathChange("R", src, dst) if code == "R" else PathChange("A", None, dst))
                i += 3
                continue
            path = parts[i + 1]
            if code == "D":
                out.append(PathChange("D", path, None))
            elif code == "A":
                out.append(PathChange("A", None, path))
            else:  # M, T (type change), U (unmerged): the file is there on both sides
                out.append(PathChange("M", path, path))
            i += 2
        if new is None:
            untracked = self.git("ls-files", "-z", "--others", "--exclude-standard", "--", under or ".")
            out.extend(PathChange("A", None, p) for p in untracked.decode("utf-8", "surrogateescape").split("\0") if p)
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
            header = raw[pos:end].split(b" ")
            pos = end + 1
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
        return _run_git(["cat-file", "blob", f"{commit}:{path}"], cwd=self.top, what="read a file")


def _run_git(args: list[str], cwd: Path, what: str, stdin: bytes | None = None) -> bytes | None:
    """Run git; its output, or ``None`` when git says no. Raises :class:`GitError` when git is missing."""
    try:
        proc = subprocess.run(
            ["git", "-c", "core.quotePath=false", *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            check=False,
        )
    except FileNotFoundError:
        raise GitError(f"cannot {what}: git is not installed (or not on PATH)") from None
    except NotADirectoryError:
        raise GitError(f"cannot {what}: {cwd} is not a folder") from None
    return proc.stdout if proc.returncode == 0 else None
