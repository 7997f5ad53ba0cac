"""Shorthand for the published-figure lists the mobile-era families register.

Every entry carries the exact parameter count a library (or our paper-faithful build) gives, the
exact MACs at its canonical input where a library prints them, and the paper's rounded figures.
"""

from __future__ import annotations

from ..registry import Figure

__all__ = ["library_and_paper"]


def library_and_paper(params: int, macs: int | None, library: str, paper_params: float | None,
                      paper_macs: float | None, paper: str, params_note: str = "",
                      macs_note: str = "") -> tuple[Figure, ...]:
    """Exact figures of ``library`` (what our build must reproduce to the unit) and the paper's
    rounded ones, with a note where the paper's figure and ours differ beyond its rounding."""
    figures = [Figure(params, "params", library, exact=True)]
    if macs is not None:
        figures.append(Figure(macs, "MACs", library, exact=True))
    if paper_params is not None:
        figures.append(Figure(paper_params, "params", paper, exact=False, note=params_note))
    if paper_macs is not None:
        figures.append(Figure(paper_macs, "MACs", paper, exact=False, note=macs_note))
    return tuple(figures)
