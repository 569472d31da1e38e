"""Output formats of ``cjm diff``: text, markdown, json and html."""

FORMATS = ("text", "markdown", "json", "html")
