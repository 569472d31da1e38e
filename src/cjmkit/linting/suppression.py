"""``# cjm: disable=RULE`` comments: findings the team has looked at and accepted.

``# cjm: disable=RULE[,RULE]`` at the end of a line hides those rules' findings
on that line; on a line of its own it hides them on the next line that holds
YAML. ``# cjm: disable-file=RULE[,RULE]`` anywhere hides them in the whole file.
Text after the rule list is free, and the place to say why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cjmkit.diagnostics import Diagnostic, Severity
from cjmkit.linting.registry import find_rule, rule_keys
from cjmkit.loader import Document
from cjmkit.suggest import did_you_mean

#: Codes of problems in the comments themselves.
UNKNOWN_RULE_IN_COMMENT = "L001"
UNKNOWN_DIRECTIVE = "L002"

DIRECTIVES = ("disable", "disable-file")

_ANY_COMMENT = re.compile(r"#\s*cjm:")
# A YAML comment starts at '#' after a blank or at the start of the line.
_COMMENT = re.compile(r"(?:^|\s)#\s*cjm:\s*(?P<directive>[A-Za-z][\w-]*)\s*=\s*(?P<rules>[\w-]+(?:\s*,\s*[\w-]+)*)")


@dataclass
class Suppressions:
    """The suppressions of one file."""

    whole_file: set[str] = field(default_factory=set)
    by_line: dict[int, set[str]] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)

    def hides(self, finding: Diagnostic) -> bool:
        name = finding.rule
        if name is None:
            return False
        return name in self.whole_file or name in self.by_line.get(finding.line, ())


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def scan_suppressions(doc: Document) -> Suppressions:
    """Read every ``# cjm:`` comment of a file; unknown rules and directives become problems."""
    out = Suppressions()
    if _ANY_COMMENT.search(doc.text) is None:  # one fast scan; most files have no such comment
        return out
    lines = doc.text.splitlines()
    for n, line in enumerate(lines, start=1):
        if "#" not in line:
            continue
        match = _COMMENT.search(line)
        if match is None:
            continue
        column = match.start("directive") + 1
        directive = match["directive"]
        if directive not in DIRECTIVES:
            out.problems.append(
                Diagnostic(
                    code=UNKNOWN_DIRECTIVE,
                    message=f"unknown cjm comment '{directive}'; the comment has no effect",
                    path=doc.path,
                    line=n,
                    column=column,
                    severity=Severity.WARNING,
                    expected="disable=RULE or disable-file=RULE",
                    found=f"'{directive}'",
                    hint=did_you_mean(directive, DIRECTIVES),
                )
            )
            continue
        names: set[str] = set()
        for key in (k.strip() for k in match["rules"].split(",")):
            rule = find_rule(key)
            if rule is None:
                out.problems.append(
                    Diagnostic(
                        code=UNKNOWN_RULE_IN_COMMENT,
                        message=f"unknown lint rule '{key}' in a cjm: {directive} comment; it hides nothing",
                        path=doc.path,
                        line=n,
                        column=match.start("rules") + 1,
                        severity=Severity.WARNING,
                        expected="a rule name or code (see cjm rules)",
                        found=f"'{key}'",
                        hint=did_you_mean(key, rule_keys()),
                    )
                )
            else:
                names.add(rule.name)
        if directive == "disable-file":
            out.whole_file |= names
            continue
        target = n
        if not _is_content(line[: match.start()]):
            # A comment on a line of its own covers the next line that holds YAML.
            target = next((m for m in range(n + 1, len(lines) + 1) if _is_content(lines[m - 1])), n)
        out.by_line.setdefault(target, set()).update(names)
    return out
