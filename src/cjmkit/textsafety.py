"""A map's text made harmless where cjm shows it: in a terminal, and in Markdown on a code host.

A title can hold anything a YAML string can: escape sequences that move the
cursor, clear a line or retitle the terminal, a carriage return that writes over
a line, a bidirectional override that reorders what is read. In text output they
are shown escaped (``\\x1b``), so a map cannot hide an error line or fake one.

In Markdown pasted into a pull request, ``@team``, ``owner/repo#1`` and
``www.host`` become mentions and links after the Markdown is rendered, where no
backslash escape reaches. A word joiner (U+2060, invisible) after the ``@`` or
``#`` and inside ``www.`` and ``://`` keeps the text as it reads and makes it
inert.
"""

from __future__ import annotations

import re

#: What a terminal acts on: C0 controls but tab and line feed, DEL, C1 controls,
#: bidirectional controls, and the line and paragraph separators.
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_UNSAFE = re.compile(f"[{_CONTROL}]")
_UNSAFE_ON_ONE_LINE = re.compile(f"[{_CONTROL}\n]")


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 10:
        return "\\n"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, one_line: bool = False) -> str:
    """``text`` with every character a terminal would act on shown escaped (``one_line``: line feeds too)."""
    pattern = _UNSAFE_ON_ONE_LINE if one_line else _UNSAFE
    return pattern.sub(_escaped, text) if pattern.search(text) else text


WORD_JOINER = "\u2060"

#: Mentions (``@user``, ``@org/team``), issue references (``#1``, ``owner/repo#1``, ``GH-1``)
#: and the starts of autolinks (``www.``, ``scheme://``).
_REFERENCE = re.compile(r"(@)(?=\w)|(#)(?=\d)|\b(GH-)(?=\d)|\b(www)(?=\.)|(:)(?=//)", re.IGNORECASE)


def inert_references(text: str) -> str:
    """``text`` with a word joiner where a code host would make a mention, an issue link or an autolink."""
    return _REFERENCE.sub(lambda m: m.group() + WORD_JOINER, text)
