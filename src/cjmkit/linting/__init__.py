"""``cjm lint``: is each journey map useful, not just well-formed?

Rules live one per module in :mod:`cjmkit.linting.rules`; the engine runs the
enabled ones on every valid journey::

    from cjmkit.linting import lint
    report = lint(["examples"])
    for d in report.diagnostics:
        print(d.path, d.line, d.rule, d.message)
"""

from cjmkit.errors import LintConfigError, SelectionError
from cjmkit.linting.config import LintSettings, default_settings, resolve_settings
from cjmkit.linting.engine import LintedFile, LintReport, lint, lint_document, lint_file, lint_journey, settings_for
from cjmkit.linting.registry import all_rules, find_rule
from cjmkit.linting.rule import Rule, RuleContext

__all__ = [
    "LintConfigError",
    "LintReport",
    "LintSettings",
    "LintedFile",
    "Rule",
    "RuleContext",
    "SelectionError",
    "all_rules",
    "default_settings",
    "find_rule",
    "lint",
    "lint_document",
    "lint_file",
    "lint_journey",
    "resolve_settings",
    "settings_for",
]
