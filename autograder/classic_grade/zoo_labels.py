"""Place a label beside every point of a matplotlib scatter so that no two labels overlap.

A greedy search, deterministic: points are taken in the order given; each label tries positions
around its point (just outside its bubble, then further out on rings) inside the axes, and takes
the cheapest: overlapping a placed label or a point's centre is all but forbidden, hiding part of
another bubble costs, and so does distance. A label that had to
move away from its bubble gets a thin leader line back to it. When every ring is full the label
goes where it overlaps least, and :func:`place_labels` reports it, so a test can insist on none.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

# Directions tried on each ring, in order of preference: above, below, sides, then diagonals.
ANGLES = (90, 270, 0, 180, 45, 135, 315, 225, 67.5, 112.5, 292.5, 247.5, 22.5, 157.5, 337.5, 202.5)
RING_STEP_PX = 9
RINGS = 28
POINT_HALF_PX = 3  # a point's centre is kept clear by this much
LEADER_FROM_PX = 6  # a label further than this from its bubble's edge gets a leader line


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: "Box") -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def inside(self, other: "Box") -> bool:
        return other.x0 <= self.x0 and self.x1 <= other.x1 and other.y0 <= self.y0 and self.y1 <= other.y1

    def overlap_area(self, other: "Box") -> float:
        width = min(self.x1, other.x1) - max(self.x0, other.x0)
        height = min(self.y1, other.y1) - max(self.y0, other.y0)
        return max(width, 0) * max(height, 0)


def _candidates(x: float, y: float, radius: float, width: float, height: float):
    """(box, distance from the bubble's edge) for each position tried, nearest first."""
    for ring in range(RINGS):
        gap = 2 + ring * RING_STEP_PX
        for angle in ANGLES:
            dx, dy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
            # The box's nearest side (or corner) sits ``gap`` beyond the bubble's edge.
            cx = x + dx * (radius + gap) + math.copysign(width / 2, dx) * (abs(dx) > 1e-9)
            cy = y + dy * (radius + gap) + math.copysign(height / 2, dy) * (abs(dy) > 1e-9)
            yield Box(cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2), gap


def _circle_box(x: float, y: float, radius: float) -> Box:
    # The square inscribed in the bubble: what a label covering it visibly hides.
    half = radius / math.sqrt(2)
    return Box(x - half, y - half, x + half, y + half)


def place_labels(axes, points: list[tuple[float, float, float, str]], fontsize: float = 7) -> list[str]:
    """Annotate ``axes`` with ``(x, y, bubble radius in pixels, text)`` points; return the texts
    that could only be placed overlapping another label or a point's centre (none, on the charts
    the zoo draws). Covering another bubble is allowed only where every free position is worse."""
    figure = axes.figure
    renderer = figure.canvas.get_renderer()
    frame = axes.get_window_extent(renderer)
    bounds = Box(frame.x0 + 2, frame.y0 + 2, frame.x1 - 2, frame.y1 - 2)
    centres = [tuple(axes.transData.transform((x, y))) for x, y, _, _ in points]
    hard = [Box(px - POINT_HALF_PX, py - POINT_HALF_PX, px + POINT_HALF_PX, py + POINT_HALF_PX) for px, py in centres]
    bubbles = [_circle_box(px, py, radius) for (px, py), (_, _, radius, _) in zip(centres, points)]
    crowded: list[str] = []
    to_points = 72 / figure.dpi
    for index, ((x, y, radius, text), (px, py)) in enumerate(zip(points, centres)):
        label = axes.annotate(text, (x, y), xytext=(0, 0), textcoords="offset points", fontsize=fontsize,
                              ha="center", va="center", zorder=5)
        extent = label.get_window_extent(renderer)
        width, height = extent.width + 2, extent.height
        others = [b for i, b in enumerate(bubbles) if i != index]
        best, best_gap, best_cost = Box(px - width / 2, py - height / 2, px + width / 2, py + height / 2), 0, math.inf
        for box, gap in _candidates(px, py, radius, width, height):
            if not box.inside(bounds):
                continue
            collisions = sum(box.overlap_area(other) for other in hard)
            # A hidden bubble costs as much as moving about 10 pixels further out per 100 px^2.
            cost = collisions * 1e6 + sum(box.overlap_area(other) for other in others) + gap * 10
            if cost < best_cost:
                best, best_gap, best_cost = box, gap, cost
        if best_cost >= 1e6:
            crowded.append(text)
        hard.append(best)
        cx, cy = (best.x0 + best.x1) / 2, (best.y0 + best.y1) / 2
        label.xyann = ((cx - px) * to_points, (cy - py) * to_points)
        if best_gap > LEADER_FROM_PX:  # from the box's nearest point to the bubble's edge
            nx, ny = min(max(px, best.x0), best.x1), min(max(py, best.y0), best.y1)
            axes.annotate("", (x, y), xytext=((nx - px) * to_points, (ny - py) * to_points),
                          textcoords="offset points", zorder=4,
                          arrowprops={"arrowstyle": "-", "color": "0.45", "lw": 0.5, "shrinkA": 0,
                                      "shrinkB": radius * to_points})
    return crowded
