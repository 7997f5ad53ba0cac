"""collector.engine_start: the collector is off inside, what exists at the end is frozen, and the
collector's state before is restored, whatever happened inside."""
import gc

import pytest

from classic_grade import collector


def test_what_the_start_made_is_frozen_and_the_collector_is_back_on():
    assert gc.isenabled()
    before = gc.get_freeze_count()
    with collector.engine_start():
        assert not gc.isenabled()
        made = [[index] for index in range(1000)]   # containers the collector tracks
    assert gc.isenabled()
    assert gc.get_freeze_count() >= before + len(made)


def test_a_collector_that_was_off_stays_off_and_an_error_still_restores_it():
    gc.disable()
    try:
        with collector.engine_start():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
    with pytest.raises(ImportError):
        with collector.engine_start():
            raise ImportError("no such engine")
    assert gc.isenabled()
