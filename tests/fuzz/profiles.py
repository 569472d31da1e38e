"""The fuzz suite's Hypothesis settings, picked by ``CJM_FUZZ_PROFILE`` (``ci`` unless set).

Applied per test (``@FUZZ``) rather than loaded globally, so the rest of the
test suite keeps its own settings.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings

_COMMON: dict[str, object] = {
    # Time is bounded by example counts: the first render in a process warms Graphviz up.
    "deadline": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    "print_blob": True,
}

# No shrinking in CI: a failure is reported as found, so a red run stays as quick as a green one.
settings.register_profile(
    "ci",
    max_examples=30,
    derandomize=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    **_COMMON,  # type: ignore[arg-type]
)
settings.register_profile("dev", max_examples=150, **_COMMON)  # type: ignore[arg-type]
settings.register_profile(
    "long",
    max_examples=int(os.environ.get("CJM_FUZZ_EXAMPLES", "2500")),
    **_COMMON,  # type: ignore[arg-type]
)

PROFILE = os.environ.get("CJM_FUZZ_PROFILE", "ci")
FUZZ = settings(settings.get_profile(PROFILE))


def scaled(n: int) -> settings:
    """The profile with ``n`` times fewer examples (for the slow properties: subprocesses, full renders)."""
    base = settings.get_profile(PROFILE)
    return settings(base, max_examples=max(3, base.max_examples // n))
