"""Reading and writing YAML as ruamel's comment-carrying data.

It lays files out the way ``cjm fmt`` does (two-space mappings, list dashes
indented two spaces under their key, long lines left as they are), but it
re-spells some values and can drop comments: ``fmt`` itself moves whole lines
instead (see :mod:`cjmkit.authoring.layout`).
"""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML


def round_trip_yaml() -> YAML:
    yaml = YAML(typ="rt")
    # Quotes are kept as written: they often carry meaning ("yes", "1.0", "$2,000").
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    # Never re-wrap a long line: a CX manager's sentence stays on the line they wrote it on.
    yaml.width = 4096
    yaml.allow_duplicate_keys = False
    return yaml


def load_rt(text: str) -> Any:
    """The file as ruamel's comment-carrying maps and lists."""
    return round_trip_yaml().load(text)


def dump_rt(data: Any) -> str:
    out = io.StringIO()
    round_trip_yaml().dump(data, out)
    return out.getvalue()
