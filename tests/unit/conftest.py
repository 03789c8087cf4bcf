"""Shared test configuration: a small, deterministic hypothesis profile.

The same suite runs inside Pyodide under Node (5-10x slower), so keep examples few and the run
derandomized; never write files in tests.
"""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "calculators",
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("calculators")
