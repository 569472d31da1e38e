"""SARIF 2.1.0 output, for GitHub code scanning and other static-analysis dashboards.

Each finding becomes a ``result`` whose ``ruleId`` is the rule's code; the
rules' documentation travels in ``tool.driver.rules`` so a viewer can show what
a finding means and how to fix it.

File paths are relative to the source root (the git repository around the
current folder, else the cjm workspace, else the current folder), which the log
declares as ``%SRCROOT%``: code-scanning services place results by paths from
the repository root, whichever folder cjm ran in.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from cjmkit.diagnostics import Diagnostic, numbered_repeats

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"
FINGERPRINT = "cjmFinding/v1"
_INDEX = re.compile(r"\[\d+\]")


@dataclass(frozen=True)
class SarifRule:
    """What a viewer needs to know about one rule."""

    id: str
    name: str
    short: str
    full: str
    help_text: str
    help_markdown: str | None = None
    level: str = "warning"
    help_uri: str | None = None
    tags: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "shortDescription": {"text": self.short},
            "fullDescription": {"text": self.full},
            "help": {"text": self.help_text},
            "defaultConfiguration": {"level": _LEVELS.get(self.level, "warning")},
        }
        if self.help_markdown:
            d["help"]["markdown"] = self.help_markdown
        if self.help_uri:
            d["helpUri"] = self.help_uri
        if self.tags:
            d["properties"] = {"tags": list(self.tags)}
        return d


def _fallback_rule(d: Diagnostic) -> SarifRule:
    """A descriptor for a code no rule documents: validation problems and lint set-up problems."""
    if d.code.startswith("E"):
        return SarifRule(
            id=d.code,
            name="invalid-journey-file",
            short="The journey file is not valid",
            full="The file breaks the journey file format: see the message for the key, what was expected "
            "and what was found.",
            help_text="Fix the file so that `cjm validate` accepts it.",
            level="error",
            tags=("validation",),
        )
    return SarifRule(
        id=d.code,
        name=d.rule or "lint-setup",
        short="A problem with the lint set-up",
        full="A lint comment or setting that cjm does not understand.",
        help_text="See the message: it names the unknown rule or setting.",
        level=d.severity.value,
        tags=("lint",),
    )


def _message(d: Diagnostic) -> str:
    from cjmkit.diagnostics.output import detail

    extra = detail(d)
    return d.message + (f" ({extra})" if extra else "")


def source_root(start: Path | None = None, workspace_root: Path | None = None) -> Path:
    """The folder SARIF paths are relative to: the git repository, else ``workspace_root``, else ``start``."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():  # a folder in a clone, a file in a worktree or submodule
            return folder
    return workspace_root.resolve() if workspace_root is not None else here


def _artifact(path: str, root: Path) -> dict[str, Any]:
    """The artifact location of a reported path (relative to the current folder, or absolute)."""
    try:
        full = (Path.cwd() / path).resolve()
    except (OSError, ValueError):  # not a path this system can resolve: keep it as reported
        return {"uri": quote(path.replace("\\", "/"))}
    try:
        relative = full.relative_to(root)
    except ValueError:  # outside the source root: only an absolute URI places it
        return {"uri": full.as_uri()}
    return {"uri": quote(relative.as_posix()), "uriBaseId": SRCROOT}


def _fingerprints(diags: Sequence[Diagnostic], uris: Sequence[str]) -> list[str]:
    """A fingerprint per finding that survives edits elsewhere in the file.

    Built from the file, the code, the item's id and the key path without list
    positions, so moving lines or inserting a stage above leaves it alone; line
    numbers stay out. Findings that still share one are numbered in file order.
    """
    bases = [
        f"{uri}:{d.code}:{d.item_id or ''}:{_INDEX.sub('', d.key_path)}" for d, uri in zip(diags, uris, strict=True)
    ]
    return numbered_repeats(bases, ":")


def to_sarif(
    diags: Sequence[Diagnostic],
    rules: Sequence[SarifRule] = (),
    *,
    tool_name: str = "cjm",
    version: str | None = None,
    information_uri: str = "https://github.com/cjmkit/cjmkit",
    root: Path | None = None,
) -> dict[str, Any]:
    """A SARIF log with one run: every rule in ``rules`` plus any other code that occurs.

    Paths are made relative to ``root`` (by default :func:`source_root` of the
    current folder).
    """
    root = (root or source_root()).resolve()
    descriptors = list(rules)
    index = {r.id: i for i, r in enumerate(descriptors)}
    ordered = sorted(diags, key=lambda d: d.sort_key())
    artifacts = {path: _artifact(path, root) for path in {d.path for d in diags}}
    fingerprint = dict(
        zip(map(id, ordered), _fingerprints(ordered, [artifacts[d.path]["uri"] for d in ordered]), strict=True)
    )
    results = []
    for d in diags:
        if d.code not in index:
            index[d.code] = len(descriptors)
            descriptors.append(_fallback_rule(d))
        location: dict[str, Any] = {"artifactLocation": dict(artifacts[d.path])}
        if d.line > 0:
            location["region"] = {"startLine": d.line, "startColumn": max(1, d.column)}
        result: dict[str, Any] = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": _LEVELS[d.severity.value],
            "message": {"text": _message(d)},
            "locations": [{"physicalLocation": location}],
            "partialFingerprints": {FINGERPRINT: fingerprint[id(d)]},
        }
        props = {k: v for k, v in (("keyPath", d.key_path), ("itemId", d.item_id), ("rule", d.rule)) if v}
        if props:
            result["properties"] = props
        results.append(result)
    driver: dict[str, Any] = {
        "name": tool_name,
        "informationUri": information_uri,
        "rules": [r.to_dict() for r in descriptors],
    }
    if version:
        driver["version"] = version
        driver["semanticVersion"] = version
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {"driver": driver},
                "originalUriBaseIds": {SRCROOT: {"uri": root.as_uri().rstrip("/") + "/"}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }


def write_sarif(
    diags: Sequence[Diagnostic],
    rules: Sequence[SarifRule] = (),
    stream: IO[str] | None = None,
    **kwargs: Any,
) -> None:
    out = stream or sys.stdout
    json.dump(to_sarif(diags, rules, **kwargs), out, indent=2, ensure_ascii=False)
    out.write("\n")
