"""Running a check over hypothesis-drawn configurations, keeping the smallest failing one.

Settings are fixed for determinism: derandomized (the seed comes from the check's own code), no
example database, no deadline, quiet (nothing may reach the JSON on stdout).
"""
from __future__ import annotations

from typing import Callable

from hypothesis import HealthCheck, Phase, given, settings, strategies as st
from hypothesis import Verbosity

from .outcome import CheckFailed


def for_all(configs: st.SearchStrategy, examples: int, body: Callable[[dict], None]) -> int:
    """Run ``body`` on up to ``examples`` drawn configurations; return how many ran.

    On a failure, hypothesis shrinks and replays the smallest failing configuration last, so the
    CheckFailed raised here names that one. Worker loss is a BaseException and stops at once.
    """
    failures: list[CheckFailed] = []
    ran = [0]

    @settings(derandomize=True, database=None, deadline=None, max_examples=examples,
              verbosity=Verbosity.quiet, print_blob=False, report_multiple_bugs=False,
              phases=(Phase.explicit, Phase.generate, Phase.shrink),
              suppress_health_check=list(HealthCheck))
    @given(configs)
    def property_(config):
        ran[0] += 1
        try:
            body(config)
        except CheckFailed as failure:
            if failure.example is None:
                failure.example = config
            failures.append(failure)
            raise

    try:
        property_()
    except CheckFailed:
        raise failures[-1] from None
    return ran[0]
