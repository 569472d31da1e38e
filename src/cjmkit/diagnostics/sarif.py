"""SARIF 2.1.0 output, for GitHub code scanning and other static-analysis dashboards.

Each finding becomes a ``result`` whose ``ruleId`` is the rule's code; the
rules' documentation travels in ``tool.driver.rules`` so a viewer can show what
a finding means and how to fix it.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any
from urllib.parse import quote

from cjmkit.diagnostics import Diagnostic

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


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


def to_sarif(
    diags: Sequence[Diagnostic],
    rules: Sequence[SarifRule] = (),
    *,
    tool_name: str = "cjm",
    version: str | None = None,
    information_uri: str = "https://github.com/cjmkit/cjmkit",
) -> dict[str, Any]:
    """A SARIF log with one run: every rule in ``rules`` plus any other code that occurs."""
    descriptors = list(rules)
    index = {r.id: i for i, r in enumerate(descriptors)}
    results = []
    for d in diags:
        if d.code not in index:
            index[d.code] = len(descriptors)
            descriptors.append(_fallback_rule(d))
        location: dict[str, Any] = {"artifactLocation": {"uri": quote(d.path.replace("\\", "/"))}}
        if d.line > 0:
            location["region"] = {"startLine": d.line, "startColumn": max(1, d.column)}
        result: dict[str, Any] = {
            "ruleId": d.code,
            "ruleIndex": index[d.code],
            "level": _LEVELS[d.severity.value],
            "message": {"text": _message(d)},
            "locations": [{"physicalLocation": location}],
        }
        if d.item_id:
            # Lets a dashboard follow a finding when lines move: the item's id does not.
            result["partialFingerprints"] = {"cjmItem/v1": f"{d.code}:{d.key_path}:{d.item_id}"}
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
        "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results}],
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
