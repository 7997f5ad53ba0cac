"""Running a check over hypothesis-drawn configurations, keeping the smallest failing one.

Settings are fixed for determinism: one fixed seed (SEED), no example database, no deadline, quiet
(nothing may reach the JSON on stdout).
"""
from __future__ import annotations

import contextlib
import contextvars
import copy
from typing import Callable, Iterator

from hypothesis import HealthCheck, Phase, given, seed, settings, strategies as st
from hypothesis import Verbosity

from .outcome import CheckFailed, NotImplementedYet

# Whether a failure is shrunk to its smallest case. Only the test suite's known-wrong corpus turns
# it off (with the grader's stop_at_first_failure): it needs a task to lose points, not the case a
# student would read, and shrinking costs more than the failing check itself.
_shrinking = contextvars.ContextVar("classic_grade_shrinking", default=True)


@contextlib.contextmanager
def without_shrinking() -> Iterator[None]:
    token = _shrinking.set(False)
    try:
        yield
    finally:
        _shrinking.reset(token)


def shrinking() -> bool:
    return _shrinking.get()


# Every check draws from one fixed seed. Hypothesis's derandomize seeds from the test function's
# source, which here is for_all's inner function: any edit of this module changed what every check of
# every assignment drew (and with it which rare mistakes a check happened to meet). SEED is the
# seed derandomize gave until it was pinned (that function's digest), so the draws stay as they were.
SEED = int("17750406735490997816685163488570357730052189668300145239677530015703885947492332477"
           "493525830853064832702469008708804")

# Configurations a check always runs after its drawn ones, per strategy (see ``always``). The
# strategy is kept with its cases, so its id stays its own while the entry lives.
_cases: dict[int, tuple[st.SearchStrategy, tuple[dict, ...]]] = {}


def always(configs: st.SearchStrategy, *cases: dict) -> st.SearchStrategy:
    """``configs``, with ``cases`` run by every check that draws from it, after its draws: the
    configurations that tell a common mistake apart (SE's C // r against ceil(C / r) needs C > r
    and C % r != 0), which a few hypothesis draws, biased towards the simplest values, can miss."""
    _cases[id(configs)] = (configs, cases)
    return configs


# The configurations hypothesis drew for a strategy and an example count, in order, once a run of
# them all passed: what it draws does not depend on the check, only on the seed, the strategy and
# the count, as long as every example passes. Later checks replay that list without hypothesis's
# engine (its per-example bookkeeping cost about as much as a small module's check); the first
# failure hands the check back to hypothesis, which draws the same examples, meets the same failure
# and shrinks it, so a report is the same as without the replay. The strategy is kept with its
# draws, so its id stays its own while the entry lives.
_drawn: dict[tuple, tuple[st.SearchStrategy, tuple[dict, ...]]] = {}


def _copied(value):
    """A copy of a drawn configuration: plain containers rebuilt (a fraction of deepcopy's cost on
    the many small dicts of a class), anything else deep-copied."""
    kind = type(value)
    if kind is dict:
        return {k: _copied(v) for k, v in value.items()}
    if kind is list:
        return [_copied(v) for v in value]
    if kind is tuple:
        return tuple(_copied(v) for v in value)
    if kind in (int, float, str, bool, type(None)):
        return value
    return copy.deepcopy(value)


def _replay(configs: st.SearchStrategy, examples: int):
    held = _drawn.get((id(configs), examples, SEED))
    return held[1] if held is not None else None


class _Unimplemented(BaseException):
    """Carries a task's NotImplementedYet out of hypothesis at once (a BaseException, as WorkerLost
    is, so hypothesis neither records nor shrinks it)."""

    def __init__(self, failure: NotImplementedYet):
        super().__init__(failure.message)
        self.failure = failure


def for_all(configs: st.SearchStrategy, examples: int, body: Callable[[dict], None]) -> int:
    """Run ``body`` on up to ``examples`` drawn configurations, then on the strategy's ``always``
    cases; return how many ran.

    On a failure, hypothesis shrinks and replays the smallest failing configuration last, so the
    CheckFailed raised here names that one. Worker loss is a BaseException and stops at once.

    A task not implemented yet (its stub still raises, or it is not defined) fails on its first
    example and is not shrunk: its verdict is one plain line with no case (outcome.NotImplementedYet),
    whichever case met it, and shrinking a stub cost a half-finished notebook about a hundred
    worker round trips and hypothesis's shrinker per check for nothing.
    """
    failures: list[CheckFailed] = []
    ran = [0]
    known = _replay(configs, examples)
    if known is not None:
        try:
            for config in known:
                ran[0] += 1
                body(_copied(config))
        except NotImplementedYet:    # hypothesis would meet it on the same first example
            raise
        except Exception:            # noqa: BLE001 - a failure: hypothesis runs the examples again,
            ran[0] = 0               # meets it, shrinks it and says what it says without the replay
        else:
            return _run_cases(configs, body, ran)
    drawn: list[dict] = []

    def property_(config):
        ran[0] += 1
        if known is None:
            drawn.append(_copied(config))
        try:
            body(config)
        except CheckFailed as failure:
            # A stub met first ends the search; one met while shrinking another failure is one more
            # failure for hypothesis to weigh, as before.
            if isinstance(failure, NotImplementedYet) and not failures:
                raise _Unimplemented(failure) from None
            if failure.example is None:
                failure.example = config
            failures.append(failure)
            raise

    test = settings(database=None, deadline=None, max_examples=examples, verbosity=Verbosity.quiet,
                    print_blob=False, report_multiple_bugs=False,
                    phases=(Phase.explicit, Phase.generate, Phase.shrink)[:3 if shrinking() else 2],
                    suppress_health_check=list(HealthCheck))(seed(SEED)(given(configs)(property_)))
    try:
        test()
    except _Unimplemented as stub:
        raise stub.failure from None
    except CheckFailed:
        raise failures[-1] from None
    if known is None:
        _drawn[(id(configs), examples, SEED)] = (configs, tuple(drawn))
    return _run_cases(configs, body, ran)


def _run_cases(configs: st.SearchStrategy, body: Callable[[dict], None], ran: list[int]) -> int:
    """The cases after the draws: a mistake the draws meet is reported by its shrunk, smallest case;
    one they missed, by the first case that shows it."""
    for case in _cases.get(id(configs), (configs, ()))[1]:
        ran[0] += 1
        try:
            body(_copied(case))          # a copy: the registered case serves every later check
        except CheckFailed as failure:
            if failure.example is None:
                failure.example = case
            raise
    return ran[0]
