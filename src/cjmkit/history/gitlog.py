"""The commits that touched journey files, read with one ``git log``; blobs read with one ``git cat-file``.

The log follows the first parent (a merge counts as one commit: what it brought
to the main line), finds renames (``-M``) and gives each file's blob id, so the
contents are read afterwards in one ``git cat-file --batch`` call, and only for
the versions the cache does not hold. Git runs through
:class:`cjmkit.gitrepo.GitRepo`, with its safety options.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from cjmkit.gitrepo import GitError, GitRepo

#: The blob id git writes for "no file on this side".
_NO_BLOB = re.compile(r"^0+$")
_LINK_MODE = "120000"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ][0-9:]+([+-]\d{2}:?\d{2}|Z)?)?$")


@dataclass(frozen=True)
class FileChange:
    """One file a commit changed: ``A``, ``M``, ``D`` or ``R`` (renamed), with the new blob id."""

    status: str
    path: str
    old_path: str | None = None
    blob: str | None = None
    """The new content's blob id (``None`` for a deletion)."""
    link: bool = False


@dataclass
class Commit:
    id: str
    date: dt.datetime
    subject: str
    changes: list[FileChange] = field(default_factory=list)


@dataclass
class Log:
    """The commits in the range, oldest first, and the files as they were just before the first of them."""

    commits: list[Commit]
    base: dict[str, str] = field(default_factory=dict)
    """Path -> blob id at the commit before the range (empty when the range starts at the first commit)."""
    base_commit: Commit | None = None
    """The commit just before the range (``--since``), whose files are each journey's starting point."""
    shallow: bool = False
    """The repository is a shallow clone: the log ends where the clone does."""


def is_date(text: str, flag: str = "--since") -> bool:
    """``--since``/``--until`` take a date (2026-01-31, with a time if wanted) or else a revision.

    Something written as a date must be one: git would read 2026-13-45 as some other day.
    """
    if not _DATE.match(text.strip()):
        return False
    try:
        dt.date.fromisoformat(text.strip()[:10])
    except ValueError as err:
        from cjmkit.errors import UsageError

        raise UsageError(f"{flag} {text}: not a date ({err}); write it as YYYY-MM-DD") from err
    return True


def read_log(repo: GitRepo, pathspecs: list[str], since: str | None = None, until: str | None = None) -> Log:
    """The first-parent history of ``pathspecs``, oldest first; ``since``/``until`` a date or a revision."""
    args = ["log", "--first-parent", "--diff-merges=first-parent", "--root", "-z", "--raw", "-M", "--no-abbrev"]
    args += ["--no-ext-diff", "--no-textconv", "--format=%x01%H %ct%x02%s"]
    start: str | None = None
    end = "HEAD"
    if until is not None:
        if is_date(until, "--until"):
            args.append(f"--until={until}")
        else:
            end = repo.resolve(until)
    if since is not None:
        if is_date(since, "--since"):
            args.append(f"--since={since}")
        else:
            start = repo.resolve(since)
    head = _head(repo) if end == "HEAD" else end
    if head is None:
        return Log([], shallow=_shallow(repo))
    revs = [f"{start}..{head}"] if start else [head]
    raw = repo.git(*args, "--end-of-options", *revs, "--", *pathspecs)
    commits = _parse(raw)
    commits.reverse()
    base_commit = start
    if base_commit is None and commits and since is not None:
        base_commit = _first_parent(repo, commits[0].id)
    if not base_commit:
        return Log(commits, shallow=_shallow(repo))
    stamp = repo.git("log", "-1", "--format=%ct", "--end-of-options", base_commit, "--").strip()
    before = Commit(base_commit, dt.datetime.fromtimestamp(int(stamp), dt.UTC), "(the start of the range)")
    return Log(commits, _tree(repo, base_commit, pathspecs), base_commit=before, shallow=_shallow(repo))


def lineage(repo: GitRepo, path: str) -> list[str]:
    """Every path one file has had (``git log --follow``), newest first; ``[path]`` when git knows none."""
    out = repo.git("log", "--follow", "--first-parent", "-M", "--name-only", "-z", "--format=", "--", path)
    names = [n.lstrip("\n") for n in out.decode("utf-8", "surrogateescape").split("\0")]
    return list(dict.fromkeys([path, *(n for n in names if n)]))


def _head(repo: GitRepo) -> str | None:
    try:
        return repo.resolve("HEAD")
    except GitError:
        return None  # a repository without commits yet


def _shallow(repo: GitRepo) -> bool:
    return repo.git("rev-parse", "--is-shallow-repository").strip() == b"true"


def _first_parent(repo: GitRepo, commit: str) -> str | None:
    out = repo.git("rev-list", "--parents", "-n", "1", commit).split()
    return out[1].decode() if len(out) > 1 else None


def _tree(repo: GitRepo, commit: str, pathspecs: list[str]) -> dict[str, str]:
    """Path -> blob id of the regular files under ``pathspecs`` at ``commit`` (links left out)."""
    out = repo.git("ls-tree", "-r", "-z", "--full-tree", commit, "--", *pathspecs)
    found = {}
    for entry in out.decode("utf-8", "surrogateescape").split("\0"):
        if not entry:
            continue
        meta, _, path = entry.partition("\t")
        mode, kind, blob = meta.split(" ")
        if kind == "blob" and mode != _LINK_MODE:
            found[path] = blob
    return found


def _parse(raw: bytes) -> list[Commit]:
    """Commits from ``git log -z --raw --format=%x01%H %ct%x02%s``, newest first."""
    tokens = raw.decode("utf-8", "surrogateescape").split("\0")
    commits: list[Commit] = []
    i = 0
    while i < len(tokens):
        token = tokens[i].lstrip("\n")
        i += 1
        if token.startswith("\x01"):
            head, _, subject = token[1:].partition("\x02")
            cid, stamp = head.split(" ")
            commits.append(Commit(cid, dt.datetime.fromtimestamp(int(stamp), dt.UTC), subject))
        elif token.startswith(":") and commits:
            _, new_mode, _, new_blob, status = token[1:].split(" ")
            code = status[0]
            link = new_mode == _LINK_MODE
            blob = None if _NO_BLOB.match(new_blob) else new_blob
            if code in "RC":
                old, new = tokens[i], tokens[i + 1]
                i += 2
                if code == "R":
                    commits[-1].changes.append(FileChange("R", new, old, blob, link))
                else:
                    commits[-1].changes.append(FileChange("A", new, None, blob, link))
            else:
                path = tokens[i]
                i += 1
                kind = code if code in "AD" else "M"
                commits[-1].changes.append(FileChange(kind, path, None, None if kind == "D" else blob, link))
    return commits


def read_blobs(repo: GitRepo, blobs: list[str]) -> dict[str, bytes]:
    """The content of each blob, in one ``git cat-file --batch`` call."""
    if not blobs:
        return {}
    raw = repo.git("cat-file", "--batch", stdin="".join(f"{b}\n" for b in blobs).encode())
    out: dict[str, bytes] = {}
    pos = 0
    for blob in blobs:
        end = raw.index(b"\n", pos)
        header = raw[pos:end].split(b" ")
        pos = end + 1
        if len(header) == 3:
            size = int(header[2])
            if header[1] == b"blob":
                out[blob] = raw[pos : pos + size]
            pos += size + 1
    return out
