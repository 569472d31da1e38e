"""Which rules run, at which severity and with which options.

The workspace's ``lint:`` section (``rules`` and ``options``) is checked here:
an unknown rule or option, or an option value of the wrong kind, is a
configuration error that stops the run (exit 2) rather than being ignored.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cjmkit.diagnostics import Diagnostic, Severity
from cjmkit.errors import LintConfigError, SelectionError
from cjmkit.linting.registry import all_rules, find_rule, match_rules, rule_keys
from cjmkit.loader import Document
from cjmkit.model.settings import LintConfig, Scoring
from cjmkit.suggest import did_you_mean

#: Codes of configuration problems.
UNKNOWN_RULE_IN_RULES = "L010"
UNKNOWN_RULE_IN_OPTIONS = "L011"
UNKNOWN_OPTION = "L012"
BAD_OPTION_VALUE = "L013"


@dataclass(frozen=True)
class LintSettings:
    """The effective configuration of one run; small and picklable, so workers get a copy."""

    severities: Mapping[str, Severity]
    """The rules that run (by name), each with its severity."""
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """The options of every rule (by name), defaults filled in."""
    today: dt.date = field(default_factory=dt.date.today)
    scoring: Scoring | None = None
    """The workspace's scoring model, for the rules about opportunity scores."""


def default_settings(today: dt.date | None = None) -> LintSettings:
    """Every rule on by default at its default severity, with its default options."""
    return LintSettings(
        severities={r.name: r.severity for r in all_rules() if r.enabled},
        options={r.name: dict(r.options) for r in all_rules()},
        today=today or dt.date.today(),
    )


def _expand(keys: Iterable[str], option: str) -> set[str]:
    names: set[str] = set()
    for raw in keys:
        for key in (k.strip() for k in raw.split(",")):
            if not key:
                continue
            found = match_rules(key)
            if not found:
                hint = did_you_mean(key, rule_keys())
                raise SelectionError(f"{option}: unknown rule '{key}'" + (f"; {hint}" if hint else ""))
            # A code prefix (L4) means the rules of that group as they normally run; a rule that is
            # off by default runs only when named.
            named = find_rule(key) is not None
            names.update(r.name for r in found if named or r.enabled)
    return names


def _describe(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return str(value)


def resolve_settings(
    config: LintConfig | None,
    *,
    select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    today: dt.date | None = None,
    config_doc: Document | None = None,
) -> LintSettings:
    """The effective settings; raises :class:`LintConfigError` or :class:`SelectionError`.

    ``config_doc`` (the parsed ``cjm.yaml``) gives configuration problems a line
    and column.
    """
    config = config or LintConfig()
    path = config_doc.path if config_doc else "cjm.yaml"
    problems: list[Diagnostic] = []

    def problem(code: str, message: str, loc: tuple[str | int, ...], **kw: Any) -> None:
        line, col = config_doc.locate(loc, key=True) if config_doc else (0, 0)
        problems.append(Diagnostic(code=code, message=message, path=path, line=line, column=col, **kw))

    levels: dict[str, str] = {}
    for key, level in config.rules.items():
        rule = find_rule(key)
        if rule is None:
            problem(
                UNKNOWN_RULE_IN_RULES,
                f"unknown lint rule '{key}' in lint.rules",
                ("lint", "rules", key),
                key_path=f"lint.rules.{key}",
                expected="a rule name or code (see cjm rules)",
                found=f"'{key}'",
                hint=did_you_mean(key, rule_keys()),
            )
            continue
        levels[rule.name] = level

    options: dict[str, dict[str, Any]] = {r.name: dict(r.options) for r in all_rules()}
    for key, given in config.options.items():
        rule = find_rule(key)
        if rule is None:
            problem(
                UNKNOWN_RULE_IN_OPTIONS,
                f"unknown lint rule '{key}' in lint.options",
                ("lint", "options", key),
                key_path=f"lint.options.{key}",
                expected="a rule name or code (see cjm rules)",
                found=f"'{key}'",
                hint=did_you_mean(key, rule_keys()),
            )
            continue
        for opt, value in given.items():
            loc = ("lint", "options", key, opt)
            spec = rule.option(str(opt))
            if spec is None:
                known = ", ".join(rule.options) or "none"
                problem(
                    UNKNOWN_OPTION,
                    f"rule '{rule.name}' has no option '{opt}'",
                    loc,
                    key_path=f"lint.options.{key}.{opt}",
                    expected=f"one of the rule's options: {known}",
                    found=f"'{opt}'",
                    hint=did_you_mean(str(opt), rule.options),
                )
                continue
            need = spec.problem(value)
            if need is not None:
                out_of_range = isinstance(value, int) and not isinstance(value, bool) and " from " in need
                wrong = "is out of range" if out_of_range else "has a value of the wrong kind"
                problem(
                    BAD_OPTION_VALUE,
                    f"option '{opt}' of rule '{rule.name}' {wrong}",
                    loc,
                    key_path=f"lint.options.{key}.{opt}",
                    expected=need,
                    found=_describe(value),
                )
                continue
            options[rule.name][opt] = value
    if problems:
        raise LintConfigError(problems)

    selected = _expand(select, "--select")
    ignored = _expand(ignore, "--ignore")
    severities: dict[str, Severity] = {}
    for rule in all_rules():
        wanted = levels.get(rule.name)
        if selected:
            # Selecting a rule by hand runs it even when the workspace turns it off.
            if rule.name not in selected:
                continue
            severity = rule.severity if wanted in (None, "off") else Severity(wanted)
        elif wanted == "off" or (wanted is None and not rule.enabled):
            continue
        else:
            severity = rule.severity if wanted is None else Severity(wanted)
        if rule.name not in ignored:
            severities[rule.name] = severity
    return LintSettings(severities=severities, options=options, today=today or dt.date.today())
