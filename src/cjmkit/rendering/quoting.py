"""Quoting user text for Graphviz, so any text a user wrote is shown as written and never breaks the graph.

All user text goes into double-quoted DOT strings (the embedded Graphviz has
no HTML-like labels, so none are used).
"""

from __future__ import annotations

#: Control characters (other than the line break) would corrupt a DOT line: shown as spaces.
_CONTROL = str.maketrans({chr(c): " " for c in range(32) if c != 10} | {"\x7f": " "})


def clean_lines(text: str) -> str:
    """``text`` with every kind of line break made ``\\n`` and other control characters made spaces."""
    return text.replace("\r\n", "\n").replace("\r", "\n").translate(_CONTROL)


def dot_string(text: str, justify: str = "n") -> str:
    """``text`` as a double-quoted DOT string that shows exactly ``text``.

    Backslashes are doubled (Graphviz reads ``\\N``, ``\\G``, ``\\l`` as escapes),
    ampersands are written ``&amp;`` (Graphviz reads ``&copy;`` or ``&amp;`` as one
    character), quotes are escaped, and line breaks become line breaks: centred
    (``justify="n"``) or left-justified (``"l"``; every line then ends with one, as Graphviz wants).
    """
    text = clean_lines(text)
    if text.startswith("\n"):
        # A label whose first line is empty crashes the built-in Graphviz when left-justified.
        text = " " + text
    escaped = text.replace("&", "&amp;").replace("\\", "\\\\").replace('"', '\\"').replace("\n", f"\\{justify}")
    if justify != "n":
        escaped += f"\\{justify}"
    return f'"{escaped}"'


def wrap(text: str, width: int = 28) -> str:
    """Break ``text`` into lines of about ``width`` characters, at spaces (for node labels)."""
    out = []
    for paragraph in clean_lines(text).split("\n"):
        line = ""
        for word in paragraph.split():
            if line and len(line) + 1 + len(word) > width:
                out.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        out.append(line)
    return "\n".join(out)
