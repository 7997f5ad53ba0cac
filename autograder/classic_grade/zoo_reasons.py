"""Why a published count differs from ours: the registry's note, or a fact read off the numbers.

Papers print counts rounded to a few digits (6.8M, 1.5G). A published figure agrees with an exact
count of ours when rounding that count to the figure's printed digits gives the figure; some papers
cut digits off instead of rounding (ConvNeXt-T's 28,589,128 parameters printed as 28M), which is
recognised too. Any other difference needs a note in the registry, and a test holds the zoo to it.
"""
from __future__ import annotations

import math

from classic_cnn.registry import Figure, ModelInfo

NO_REASON = "no reason recorded"


def printed_unit(value: float) -> float:
    """The place value of a figure's last printed digit: 6.8e6 -> 1e5, 4.25e9 -> 1e7, 28e6 -> 1e6."""
    digits = f"{value:.15g}".split("e")[0].replace(".", "").replace("-", "").strip("0") or "0"
    return 10 ** (math.floor(math.log10(abs(value))) - len(digits) + 1)


def rounds_to(count: float, figure: Figure) -> bool:
    return abs(count - figure.value) <= printed_unit(figure.value) / 2


def truncates_to(count: float, figure: Figure) -> bool:
    return figure.value <= count < figure.value + printed_unit(figure.value)


def reason(figure: Figure, info: ModelInfo) -> str:
    """Why ``figure`` differs from ``info``'s default build ("" when it does not, or is an exact
    count of ours, or is an accuracy)."""
    if figure.note:
        return figure.note
    if figure.exact or figure.unit not in ("params", "MACs"):
        return ""
    ours = info.exact(figure.unit)
    if ours is None or rounds_to(ours.value, figure):
        return ""
    if truncates_to(ours.value, figure):
        return f"the source truncates rather than rounds: ours is {ours.value:,.0f}"
    for other in info.published:
        if other.exact and other.unit == figure.unit and rounds_to(other.value, figure):
            return f"counts another build: {other.source} ({other.value:,.0f})"
    return NO_REASON
