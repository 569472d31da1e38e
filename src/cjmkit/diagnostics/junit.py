"""JUnit XML output, for GitLab merge requests and other CI test reports.

One test suite per file and one test case per finding; a file with no
findings is a single passing case, so every checked file shows up. Findings
below the ``--fail-on`` severity are passing cases that carry their message,
so the report agrees with the exit code.

Every test case has its own ``classname`` + ``name`` pair, since CI services
such as GitLab key test cases by them, and the text holds no character that
XML 1.0 forbids (control characters in a map would make the report unreadable).
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import IO

from cjmkit.diagnostics import Diagnostic, Severity, numbered_repeats

# What XML 1.0 does not allow in a document: C0 controls but tab, newline and
# carriage return; lone surrogates; U+FFFE and U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` with each character XML 1.0 forbids written as a visible ``\\xNN`` / ``\\uNNNN`` escape."""
    return _NOT_XML.sub(lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}", text)


def _text(d: Diagnostic) -> str:
    from cjmkit.diagnostics.output import detail, text_line

    lines = [text_line(d)]
    if d.key_path and not detail(d):
        lines.append(f"at {d.key_path}")
    return xml_safe("\n".join(lines))


def _case_names(found: Sequence[Diagnostic]) -> list[str]:
    """A distinct test case name for each finding of one file: rule, line, key path, then a number if need be."""
    names = []
    for d in found:
        name = f"{d.label} at line {d.line}" if d.line else d.label
        names.append(xml_safe(f"{name} ({d.key_path})" if d.key_path else name))
    return numbered_repeats(names, " #")


def to_junit(
    diags: Sequence[Diagnostic],
    files: Sequence[str],
    *,
    fail_on: Severity = Severity.ERROR,
    name: str = "cjm lint",
) -> str:
    """The XML text of a ``<testsuites>`` report."""
    by_file: dict[str, list[Diagnostic]] = {path: [] for path in files}
    for d in diags:
        by_file.setdefault(d.path, []).append(d)
    root = ET.Element("testsuites", name=xml_safe(name))
    total = failed = 0
    for path, found in by_file.items():
        shown = xml_safe(path)
        suite = ET.SubElement(root, "testsuite", name=shown)
        suite_failed = 0
        if not found:
            ET.SubElement(suite, "testcase", name="no problems found", classname=shown, file=shown)
        for d, case_name in zip(found, _case_names(found), strict=True):
            case = ET.SubElement(suite, "testcase", name=case_name, classname=shown, file=shown)
            if d.line:
                case.set("line", str(d.line))
            if d.severity.rank >= fail_on.rank:
                failure = ET.SubElement(case, "failure", message=xml_safe(d.message), type=d.severity.value)
                failure.text = _text(d)
                suite_failed += 1
            else:
                ET.SubElement(case, "system-out").text = _text(d)
        cases = max(1, len(found))
        suite.set("tests", str(cases))
        suite.set("failures", str(suite_failed))
        suite.set("errors", "0")
        total += cases
        failed += suite_failed
    root.set("tests", str(total))
    root.set("failures", str(failed))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def write_junit(
    diags: Sequence[Diagnostic],
    files: Sequence[str],
    stream: IO[str] | None = None,
    *,
    fail_on: Severity = Severity.ERROR,
    name: str = "cjm lint",
) -> None:
    (stream or sys.stdout).write(to_junit(diags, files, fail_on=fail_on, name=name))
