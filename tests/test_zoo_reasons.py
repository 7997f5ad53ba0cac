"""Every published count that differs from ours says why, in the registry or read off the numbers."""

from __future__ import annotations

import pytest

import classic_cnn
from classic_cnn.registry import Figure
from classic_grade.zoo_reasons import NO_REASON, printed_unit, reason

NAMES = classic_cnn.list_models()


@pytest.mark.parametrize("name", NAMES)
def test_every_differing_figure_carries_its_reason(name):
    info = classic_cnn.model_info(name)
    for figure in info.published:
        assert reason(figure, info) != NO_REASON, (
            f"{name}: the published {figure.value:,g} {figure.unit} ({figure.source}) neither rounds nor "
            f"truncates to an exact count of ours; give it a note that says why they differ")


def test_googlenets_published_rows_say_why():
    info = classic_cnn.model_info("googlenet")
    by_value = {figure.value: figure for figure in info.published if not figure.exact}
    assert "K = 1024" in reason(by_value[6.8e6], info)
    assert "budget" in reason(by_value[1.5e9], info)
    assert reason(by_value[7e6], info) == ""  # 6,998,552 rounds to it


def test_printed_digits_decide_rounding_and_truncation():
    assert [printed_unit(v) for v in (6.8e6, 4.25e9, 28e6, 7e6, 325_680)] == [1e5, 1e7, 1e6, 1e6, 10]
    info = classic_cnn.model_info("convnext_tiny")  # 28,589,128 parameters, printed "28M"
    printed = next(f for f in info.published if f.unit == "params" and not f.exact)
    assert "truncates" in reason(printed, info)
    unexplained = Figure(35e6, "params", "a made-up source", False)
    assert reason(unexplained, info) == NO_REASON
    assert reason(Figure(29e6, "params", "rounded", False), info) == ""
