"""Finding Mermaid ``journey`` diagrams in the files people keep them in.

A diagram may be a whole ``.mmd`` file, or sit in a container that says where it
ends: a Markdown fence (```` ```mermaid ````), an HTML element with the class
``mermaid`` (``<div class="mermaid">`` or ``<pre class="mermaid">``, in HTML or
Markdown), or a reStructuredText directive (``.. mermaid::``, ``.. code::
mermaid``, ``.. code-block:: mermaid``) whose body is the indented block below
it. Nothing after a container's end is read as part of the diagram, and nothing
inside a fenced block of another language (an ```` ```html ```` example) is read
at all.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

Lines = list[tuple[int, str]]

_FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})\s*\{?mermaid\}?\s*$", re.I)
_OTHER_FENCE = re.compile(r"^\s*(?P<fence>`{3,}|~{3,})")
_HTML = re.compile(r"<(?P<tag>div|pre)\b[^>]*\bclass\s*=\s*(?P<q>['\"])[^'\"]*\bmermaid\b[^'\"]*(?P=q)[^>]*>", re.I)
_RST = re.compile(r"^(?P<indent>\s*)\.\.\s+(?:mermaid::|(?:code|code-block|sourcecode)::\s*mermaid)\s*$", re.I)
_JOURNEY = re.compile(r"journey\s*;?", re.I)
_TITLE = re.compile(r"title\s+(?P<title>[^#;]*)", re.I)


@dataclass
class Diagram:
    """One journey diagram: its lines from the ``journey`` line on, with their line numbers in the file."""

    lines: Lines
    front_title: str = ""  # the title in a front-matter block (``---`` / ``title: ...`` / ``---``)

    @property
    def start(self) -> int:
        return self.lines[0][0]

    @property
    def title(self) -> str:
        for _, raw in self.lines[1:]:
            match = _TITLE.match(raw.strip())
            if match:
                return match["title"].strip()
        return self.front_title


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _fenced(numbered: Lines, i: int, fence: str) -> tuple[Lines, int]:
    close = re.compile(rf"^\s*{re.escape(fence[0])}{{{len(fence)},}}\s*$")
    body: Lines = []
    for j in range(i + 1, len(numbered)):
        if close.match(numbered[j][1]):
            return body, j + 1
        body.append(numbered[j])
    return body, len(numbered)


def _html_element(numbered: Lines, i: int, match: re.Match[str]) -> tuple[Lines, int]:
    close = re.compile(rf"</{match['tag']}\s*>", re.I)
    body: Lines = []
    n, line = numbered[i]
    rest, j = line[match.end() :], i
    while True:
        end = close.search(rest)
        piece = rest[: end.start()] if end else rest
        if piece.strip() or j > i:
            body.append((n, html.unescape(piece)))
        if end or j + 1 >= len(numbered):
            return body, j + 1
        j += 1
        n, rest = numbered[j]


def _rst_directive(numbered: Lines, i: int, indent: int) -> tuple[Lines, int]:
    body: Lines = []
    j = i + 1
    # Options (":caption: ...") come first, right below the directive.
    while j < len(numbered) and numbered[j][1].strip().startswith(":") and _indent(numbered[j][1]) > indent:
        j += 1
    while j < len(numbered):
        n, line = numbered[j]
        if line.strip() and _indent(line) <= indent:
            break
        body.append((n, line))
        j += 1
    return body, j


def _containers(numbered: Lines) -> list[Lines] | None:
    """The body of every Mermaid container in the file, or None when the file has none."""
    found: list[Lines] = []
    i = 0
    while i < len(numbered):
        line = numbered[i][1]
        if fence := _FENCE.match(line):
            body, i = _fenced(numbered, i, fence["fence"])
        elif other := _OTHER_FENCE.match(line):
            # A block of another language (```html showing how to embed a diagram) is an example, not a diagram.
            _, i = _fenced(numbered, i, other["fence"])
            continue
        elif element := _HTML.search(line):
            body, i = _html_element(numbered, i, element)
        elif directive := _RST.match(line):
            body, i = _rst_directive(numbered, i, len(directive["indent"]))
        else:
            i += 1
            continue
        found.append(body)
    return found or None


def _as_journey(body: Lines) -> Diagram | None:
    """The diagram when ``body`` is a journey diagram (front matter and ``%%`` lines may come first)."""
    front_title = ""
    k = 0
    meaningful = [(n, line) for n, line in body if line.strip()]
    if meaningful and meaningful[0][1].strip() == "---":
        for k in range(1, len(meaningful)):
            text = meaningful[k][1].strip()
            if text == "---":
                break
            if text.lower().startswith("title:"):
                front_title = text[6:].strip().strip("'\"")
        k += 1
    for n, line in meaningful[k:]:
        text = line.strip()
        if text.startswith("%%"):
            continue
        if _JOURNEY.fullmatch(text):
            return Diagram([(m, raw) for m, raw in body if m >= n], front_title)
        return None
    return None


def find_journeys(text: str) -> list[Diagram]:
    """Every journey diagram in the file, in order."""
    numbered = list(enumerate(text.splitlines(), start=1))
    bodies = _containers(numbered) or [numbered]
    return [d for d in map(_as_journey, bodies) if d is not None]
