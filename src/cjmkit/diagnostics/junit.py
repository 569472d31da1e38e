"""JUnit XML output, for GitLab merge requests and other CI test reports.

One test suite per file and one test case per finding; a file with no
findings is a single passing case, so every checked file shows up. Findings
below the ``--fail-on`` severity are passing cases that carry their message,
so the report agrees with the exit code.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import IO

from cjmkit.diagnostics import Diagnostic, Severity


def _text(d: Diagnostic) -> str:
    from cjmkit.diagnostics.output import detail, text_line

    lines = [text_line(d)]
    if d.key_path and not detail(d):
        lines.append(f"at {d.key_path}")
    return "\n".join(lines)


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
    root = ET.Element("testsuites", name=name)
    total = failed = 0
    for path, found in by_file.items():
        suite = ET.SubElement(root, "testsuite", name=path)
        suite_failed = 0
        if not found:
            ET.SubElement(suite, "testcase", name="no problems found", classname=path, file=path)
        for d in found:
            case = ET.SubElement(
                suite,
                "testcase",
                name=f"{d.label} at line {d.line}" if d.line else d.label,
                classname=path,
                file=path,
            )
            if d.line:
                case.set("line", str(d.line))
            if d.severity.rank >= fail_on.rank:
                failure = ET.SubElement(case, "failure", message=d.message, type=d.severity.value)
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
