"""How cjm spells the dates it writes: quoted, ``updated: "2026-11-10"``.

YAML 1.1 readers (js-yaml behind ajv-cli, PyYAML, many CI tools) read a bare
``2026-11-10`` as a timestamp, and the schema's ``type: string`` then rejects
it. Quoted, every reader sees the string the schema describes. cjm's own loader
accepts both spellings, and ``fmt`` keeps whichever the author wrote.
"""

from __future__ import annotations

import datetime as dt

from ruamel.yaml.scalarstring import DoubleQuotedScalarString


def date_text(day: dt.date) -> str:
    """The date as it goes into YAML text: ``"2026-11-10"``."""
    return f'"{day.isoformat()}"'


def date_scalar(day: dt.date) -> DoubleQuotedScalarString:
    """The date as a value for round-trip YAML (:mod:`cjmkit.authoring.roundtrip`): dumped quoted."""
    scalar: DoubleQuotedScalarString = DoubleQuotedScalarString(day.isoformat())
    return scalar
