"""A single grading's cold start: the zygote's greeting and the canary are awaited on a thread while
the grader imports its engine; the canary still decides the backend before any worker is forked,
and whatever it raised reaches the caller's ready()."""
from __future__ import annotations

import pytest

from classic_grade.grading import prepare
from classic_grade.sandbox import Zygote


def test_the_canary_run_in_the_background_chooses_the_backend_before_a_fork():
    zygote = Zygote()
    try:
        zygote.ready_in_background()
        prepare("day19")                     # the engine's own first-use costs, meanwhile
        hello = zygote.ready()
        assert hello["ready"] and zygote.backend is not None
        assert zygote.sandbox["self_check"].startswith(("passed", "not sandboxed"))
        assert zygote.ready() is hello       # joined once; later calls are plain
    finally:
        zygote.close()


def test_a_failure_in_the_background_reaches_the_callers_ready(monkeypatch):
    zygote = Zygote("namespaces")

    def refuse(backend):
        raise OSError("refused for the test")

    monkeypatch.setattr(zygote, "self_check", refuse)
    try:
        zygote.ready_in_background()
        with pytest.raises(RuntimeError, match="failed its self-check"):
            zygote.ready()
    finally:
        zygote.close()
