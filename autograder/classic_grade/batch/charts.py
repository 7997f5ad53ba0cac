"""Inline SVG charts, drawn in Python: the class report needs no script, font or network to render.
Every label is escaped; every bar carries a <title> so a hover shows its exact figure."""
from __future__ import annotations

from html import escape

FONT = "font-family=\"system-ui, sans-serif\" font-size=\"12\""
BAR = "#3b6fb6"
BAD = "#c8553d"


def _svg(width: int, height: int, body: list[str], label: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(label)}" '
            f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" {FONT}>'
            + "".join(body) + "</svg>")


def columns(bins: list[tuple[str, float]], label: str, width: int = 560, height: int = 240) -> str:
    """A column chart (the score histogram): one column per bin, its count above it."""
    left, bottom, top = 36, 36, 16
    plot_w, plot_h = width - left - 8, height - bottom - top
    peak = max((v for _, v in bins), default=0) or 1
    step = plot_w / max(1, len(bins))
    body = [f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 8}" y2="{top + plot_h}" stroke="#444"/>',
            f'<text x="4" y="{top + 4}">{peak:g}</text>', f'<text x="4" y="{top + plot_h}">0</text>']
    for index, (name, value) in enumerate(bins):
        bar_h = plot_h * value / peak
        x = left + index * step + 2
        y = top + plot_h - bar_h
        body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{step - 4:.1f}" height="{bar_h:.1f}" fill="{BAR}">'
                    f'<title>{escape(name)}: {value:g}</title></rect>')
        if value:
            body.append(f'<text x="{x + (step - 4) / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle">{value:g}</text>')
        body.append(f'<text x="{x + (step - 4) / 2:.1f}" y="{top + plot_h + 14}" text-anchor="middle" '
                    f'font-size="10">{escape(name)}</text>')
    body.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 4}" text-anchor="middle">{escape(label)}</text>')
    return _svg(width, height, body, label)


def bars(rows: list[tuple[str, float, str]], label: str, scale: float | None = None, width: int = 720,
         colour: str = BAD, empty: str = "nothing to show") -> str:
    """Horizontal bars, one per row: (label, value, the text shown at the bar's end). ``scale`` is
    the value of a full-width bar (1.0 for rates); the largest value when omitted."""
    if not rows:
        return f'<p class="empty">{escape(label)}: {escape(empty)}.</p>'
    row_h, label_w, top = 22, min(320, 12 + 7 * max(len(r[0]) for r in rows)), 6
    plot_w = width - label_w - 90
    scale = scale or max(v for _, v, _ in rows) or 1
    height = top + row_h * len(rows) + 6
    body = []
    for index, (name, value, shown) in enumerate(rows):
        y = top + index * row_h
        bar_w = max(1.0, plot_w * value / scale) if value else 0.0
        short = name if len(name) <= label_w // 7 else name[: label_w // 7 - 1] + "…"
        body.append(f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end"><title>{escape(name)}</title>'
                    f'{escape(short)}</text>')
        body.append(f'<rect x="{label_w}" y="{y + 3}" width="{plot_w}" height="{row_h - 6}" fill="#eee"/>')
        body.append(f'<rect x="{label_w}" y="{y + 3}" width="{bar_w:.1f}" height="{row_h - 6}" fill="{colour}">'
                    f'<title>{escape(name)}: {escape(shown)}</title></rect>')
        body.append(f'<text x="{label_w + plot_w + 6}" y="{y + 15}">{escape(shown)}</text>')
    return _svg(width, height, body, label)
