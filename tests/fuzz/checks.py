"""What every output must satisfy, whatever the map says: used by the fuzz and hostile-content tests."""

from __future__ import annotations

import csv
import io
import json
from html.parser import HTMLParser
from typing import Any

from cjmkit.loader import Document, LoadError, parse
from cjmkit.model.journey import Journey
from cjmkit.validation import FileResult, validate_document

#: Cells a spreadsheet would run as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ActiveContent(HTMLParser):
    """Collects everything in an HTML page that could run code or load something."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.csp: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "iframe", "object", "embed", "base", "form", "link", "frame", "applet"):
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...> event handler")
            if name in ("href", "src", "xlink:href", "action", "formaction", "srcdoc") and value is not None:
                scheme = value.strip().split(":", 1)[0].lower() if ":" in value else ""
                if name == "srcdoc" or scheme not in ("", "http", "https", "mailto", "data"):
                    self.problems.append(f"<{tag} {name}={value[:40]!r}>")
                if scheme == "data" and not value.startswith("data:image/"):
                    self.problems.append(f"<{tag} {name}=data:...> that is not an image")
        if tag == "meta" and (dict(attrs).get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append(dict(attrs).get("content") or "")


def active_content(html: str) -> ActiveContent:
    scan = ActiveContent()
    scan.feed(html)
    scan.close()
    return scan


def csp_forbids_inline_script(policy: str) -> bool:
    """Whether a Content-Security-Policy lets no inline (or any unhashed) script run."""
    directives = {part.strip().split()[0]: part.strip().split()[1:] for part in policy.split(";") if part.strip()}
    script = directives.get("script-src", directives.get("default-src"))
    if script is None:
        return False
    return (
        "'unsafe-inline'" not in script
        and "*" not in script
        and all(
            s in ("'none'", "'self'") or s.startswith(("'sha256-", "'sha384-", "'sha512-", "'nonce-")) for s in script
        )
    )


def assert_safe_html(html: str) -> None:
    scan = active_content(html)
    assert not scan.problems, scan.problems[:5]
    assert scan.csp, "the page has no Content-Security-Policy"
    assert all(csp_forbids_inline_script(p) for p in scan.csp), scan.csp


def assert_no_formula_cells(csv_text: str) -> list[list[str]]:
    rows = list(csv.reader(io.StringIO(csv_text)))
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_START) or _plain_number(cell), f"formula-like cell {cell[:40]!r}"
    return rows


def _plain_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def load_and_validate(text: str, path: str = "fuzz.cjm.yaml") -> tuple[Document | None, FileResult | None]:
    """The document and validation result for ``text``; (None, None) when it does not load."""
    try:
        doc = parse(text, path)
    except LoadError as err:
        assert err.diagnostics, "a LoadError without a diagnostic tells the user nothing"
        for d in err.diagnostics:
            assert d.path == path and d.message
        return None, None
    result = validate_document(doc, None)
    for d in result.diagnostics:
        assert d.path == path and d.message and d.line is not None and d.line >= 1, d
    return doc, result


def valid_journey(text: str) -> tuple[Document, Journey]:
    doc, result = load_and_validate(text)
    assert doc is not None and result is not None
    assert result.valid and result.journey is not None, [d.message for d in result.diagnostics][:5]
    return doc, result.journey


def texts_of(data: Any) -> list[str]:
    """Every string a user wrote in ``data`` (keys excluded)."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [t for v in data.values() for t in texts_of(v)]
    if isinstance(data, list):
        return [t for v in data for t in texts_of(v)]
    return []


def json_strings(text: str) -> list[str]:
    return texts_of(json.loads(text))
