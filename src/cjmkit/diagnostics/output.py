"""Output formats for diagnostics: text for people, json and GitHub annotations for machines."""

from __future__ import annotations

import json
import os
import sys
from collections import Counter
from collections.abc import Sequence
from typing import IO, Any

from cjmkit.diagnostics import Diagnostic, Severity
from cjmkit.textsafety import printable

FORMATS = ("text", "json", "github")


def pick_format(requested: str) -> str:
    """Resolve ``auto``: GitHub annotations under GitHub Actions, text otherwise."""
    if requested == "auto":
        return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    return requested


def use_color(stream: IO[str]) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


_COLORS = {Severity.ERROR: "\033[1;31m", Severity.WARNING: "\033[1;33m", Severity.INFO: "\033[1;36m"}
_SEVERITY_WORD = {s: s.value for s in Severity}
_DIM = "\033[2m"
_BOLD = "\033[1m"
_RESET = "\033[0m"


def location(d: Diagnostic) -> str:
    if d.line:
        return f"{d.path}:{d.line}:{d.column}"
    return d.path


def detail(d: Diagnostic) -> str:
    """The key path, what was expected, what was found and the hint, as one phrase."""
    parts = []
    if d.key_path:
        parts.append(f"at {d.key_path}")
    if d.expected:
        parts.append(f"expected {d.expected}")
    if d.found:
        parts.append(f"found {d.found}")
    text = "; ".join(parts)
    if d.hint:
        text = f"{text}; {d.hint}" if text else d.hint
    return text


def text_line(d: Diagnostic, color: bool = False) -> str:
    """``path:line:col: severity[CODE] message (at ...; expected ...; found ...)``."""
    # A map's text in the message is shown escaped: it must not move the cursor or fake a line.
    path = printable(d.path, one_line=True)
    head = f"{path}:{d.line}:{d.column}:" if d.line else f"{path}:"
    label = f"{_SEVERITY_WORD[d.severity]}[{d.rule or d.code}]"
    extra = printable(detail(d), one_line=True) if d.key_path or d.expected or d.found or d.hint else ""
    message = printable(d.message, one_line=True)
    if color:
        head = f"{_BOLD}{head}{_RESET}"
        label = f"{_COLORS[d.severity]}{label}{_RESET}"
        extra = f"{_DIM}({extra}){_RESET}" if extra else ""
    else:
        extra = f"({extra})" if extra else ""
    return f"{head} {label} {message}" + (f" {extra}" if extra else "")


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(diags: Sequence[Diagnostic], files: int, verb: str = "checked") -> str:
    counts = Counter(d.severity for d in diags)
    if not diags:
        return f"All good: {plural(files, 'file')} {verb}, no problems found."
    parts = [plural(counts[s], s.value) for s in Severity if counts[s]]
    bad_files = len({d.path for d in diags})
    return f"Found {', '.join(parts)} in {plural(bad_files, 'file')} ({plural(files, 'file')} {verb})."


def write_text(
    diags: Sequence[Diagnostic], files: int, stream: IO[str] | None = None, *, verb: str = "checked"
) -> None:
    out = stream or sys.stdout
    color = use_color(out)
    for d in diags:
        out.write(text_line(d, color) + "\n")
    line = summary_line(diags, files, verb)
    if color:
        line = f"{_BOLD}{line}{_RESET}"
    out.write(("\n" if diags else "") + line + "\n")


def to_json(diags: Sequence[Diagnostic], files: int, tool: str = "validate") -> dict[str, Any]:
    counts = Counter(d.severity.value for d in diags)
    return {
        "version": 1,
        "tool": f"cjm {tool}",
        "files_checked": files,
        "summary": {s.value: counts.get(s.value, 0) for s in Severity},
        "diagnostics": [d.to_dict() for d in diags],
    }


def write_json(diags: Sequence[Diagnostic], files: int, stream: IO[str] | None = None, tool: str = "validate") -> None:
    out = stream or sys.stdout
    json.dump(to_json(diags, files, tool), out, indent=2, ensure_ascii=False)
    out.write("\n")


def _gh_escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_escape_prop(s: str) -> str:
    return _gh_escape_data(s).replace(":", "%3A").replace(",", "%2C")


def github_line(d: Diagnostic) -> str:
    level = {"error": "error", "warning": "warning", "info": "notice"}[d.severity.value]
    props = [f"file={_gh_escape_prop(printable(d.path))}"]
    if d.line:
        props += [f"line={d.line}", f"col={d.column}"]
    props.append(f"title={_gh_escape_prop(d.label)}")
    message = printable(d.message + (f" ({detail(d)})" if detail(d) else ""))
    return f"::{level} {','.join(props)}::{_gh_escape_data(message)}"


def write_github(
    diags: Sequence[Diagnostic], files: int, stream: IO[str] | None = None, *, verb: str = "checked"
) -> None:
    out = stream or sys.stdout
    for d in diags:
        out.write(github_line(d) + "\n")
    out.write(summary_line(diags, files, verb) + "\n")
