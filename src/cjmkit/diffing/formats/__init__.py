"""Output formats of ``cjm diff``: text, markdown, json and html."""

from __future__ import annotations

from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from cjmkit.diffing.changes import DiffReport

FORMATS = ("text", "markdown", "json", "html")


def write_report(
    report: DiffReport, format: str, stream: IO[str], engine: str = "auto", *, overall: bool = True
) -> None:
    """Write ``report`` in one of :data:`FORMATS`; ``engine`` lays out the html format's diagram.

    ``overall=False`` leaves out the text format's closing line over all files: git calls
    an external diff once per file, and that file's own summary already says it all.
    """
    # Each format is imported when asked for: html pulls in the renderer.
    if format == "html":
        from cjmkit.diffing.formats.html import render_html

        stream.write(render_html(report, engine=engine))
    elif format == "markdown":
        from cjmkit.diffing.formats.markdown import write_markdown

        write_markdown(report, stream)
    elif format == "json":
        from cjmkit.diffing.formats.jsonfmt import write_json

        write_json(report, stream)
    elif format == "text":
        from cjmkit.diffing.formats.text import write_text

        write_text(report, stream, overall=overall)
    else:
        raise ValueError(f"unknown diff format {format!r}; one of {', '.join(FORMATS)}")
