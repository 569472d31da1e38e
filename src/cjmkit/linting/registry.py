"""Every lint rule, found by name or by code."""

from __future__ import annotations

from functools import cache

from cjmkit.linting.rule import Rule


@cache
def all_rules() -> tuple[Rule, ...]:
    """Every rule, in code order."""
    from cjmkit.linting.rules import RULE_MODULES

    return tuple(sorted((Rule.from_module(m) for m in RULE_MODULES), key=lambda r: r.code))


@cache
def _by_key() -> dict[str, Rule]:
    table: dict[str, Rule] = {}
    for rule in all_rules():
        table[rule.name] = rule
        table[rule.code] = rule
    return table


def find_rule(key: str) -> Rule | None:
    """The rule named ``key`` (``emotion-gap``) or with code ``key`` (``L202``, any case)."""
    key = key.strip()
    return _by_key().get(key) or _by_key().get(key.upper())


def match_rules(key: str) -> list[Rule]:
    """Rules that ``key`` selects: a name, a code, or a code prefix (``L2``: every emotion rule)."""
    rule = find_rule(key)
    if rule is not None:
        return [rule]
    prefix = key.strip().upper()
    if len(prefix) >= 1 and prefix.startswith("L"):
        return [r for r in all_rules() if r.code.startswith(prefix)]
    return []


def rule_keys() -> list[str]:
    """Every accepted name and code, for "did you mean" suggestions."""
    return list(_by_key())
