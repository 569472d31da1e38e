"""The fuzz suite: Hypothesis profiles are registered in :mod:`tests.fuzz.profiles`.

Profiles: ``ci`` (default, bounded), ``dev``, ``long``::

    CJM_FUZZ_PROFILE=long .venv/bin/pytest tests/fuzz
"""

from __future__ import annotations

from tests.fuzz import profiles  # noqa: F401  (registers the profiles)
