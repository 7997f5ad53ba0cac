"""The course's chart: ImageNet top-1 accuracy against multiply-accumulates, bubble area = parameters.

Operations and parameters are the zoo's computed figures. Accuracy is the paper's (a ``top1``
figure kept with the network), else the accuracy torchvision measured for the twin's published
weights (read from torchvision's weight metadata: nothing is downloaded). The two kinds are drawn
in separate panels, because a paper's network and a library's re-implementation are different
things (torchvision's GoogLeNet is not the paper's). Networks with neither figure, and networks not
trained on ImageNet, are left off and named in the returned list. Colour is the family; every label
is placed clear of the others (:mod:`.zoo_labels`). matplotlib is an optional extra
(``pip install classic-grade[plot]``).
"""
from __future__ import annotations

import math
from pathlib import Path

import classic_cnn

from .zoo_labels import place_labels

PAPER, LIBRARY = "paper", "torchvision"
PANEL_TITLES = {PAPER: "top-1 published in the network's paper",
                LIBRARY: "top-1 torchvision measured for its weights (our twin of its layout)"}
DPI = 150
AREA_PER_MPARAM = 5.0  # marker area in points^2 per million parameters
SIZE_KEYS_M = (5, 25, 100)  # the bubble-size legend's examples, in millions of parameters
MIN_AREA = 12.0  # so that a 1M-parameter network is still a visible dot


def accuracy(entry: dict) -> tuple[float, str] | None:
    """(top-1 %, where it comes from) for an entry of :func:`classic_grade.zoo.zoo_entry`, or None."""
    for figure in entry["published"]:
        if figure["unit"] == "top1":
            return figure["value"], PAPER
    twin = entry.get("twin") or ""
    if twin.startswith("torchvision:") and entry["output_shape"][-1] == 1000:
        from torchvision.models import get_model_weights

        try:
            weights = list(get_model_weights(twin.split(":", 1)[1]))
        except (ValueError, KeyError):
            return None
        for weight in weights:  # the first (V1) weights: the closest to the paper's training
            metrics = weight.meta.get("_metrics", {}).get("ImageNet-1K")
            if metrics:
                return metrics["acc@1"], f"{LIBRARY} {weight}"
    return None


def chart_points(entries: list[dict]) -> tuple[dict[str, list[tuple[dict, float]]], list[str]]:
    """``({panel: [(entry, top1)]}, names left off)``: the networks each panel shows."""
    panels: dict[str, list[tuple[dict, float]]] = {PAPER: [], LIBRARY: []}
    left_off = []
    for entry in entries:
        found = accuracy(entry) if entry["output_shape"][-1] == 1000 else None
        if found:
            panels[PAPER if found[1] == PAPER else LIBRARY].append((entry, found[0]))
        else:
            left_off.append(entry["name"])
    return {panel: points for panel, points in panels.items() if points}, left_off


def _area(params: int) -> float:
    return max(params / 1e6 * AREA_PER_MPARAM, MIN_AREA)


# Distinct hues for the families the chart shows most (neighbours in matplotlib's tab20 are pairs
# of one hue, hard to tell apart); a family not named here takes the next free tab20 colour.
FAMILY_COLOURS = {"AlexNet": "tab:blue", "VGG": "tab:gray", "Inception": "tab:green", "ResNet": "tab:red",
                  "ResNeXt": "tab:brown", "DenseNet": "tab:orange", "SENet": "tab:pink", "MobileNet": "tab:cyan",
                  "ShuffleNet": "black", "RegNet": "tab:purple", "EfficientNet": "gold", "ConvNeXt": "navy",
                  "RepVGG": "teal", "CSPNet": "maroon", "LeNet": "dimgray", "NIN": "lime"}


def _family_colours() -> dict[str, object]:
    """One colour per family of the whole zoo, so a family keeps its colour whatever is drawn."""
    from matplotlib import colormaps

    families = sorted({classic_cnn.model_info(name).family for name in classic_cnn.list_models()})
    spare = iter(colormaps["tab20"].colors)
    return {family: FAMILY_COLOURS.get(family) or next(spare) for family in families}


def _legends(figure, plt, colours: dict[str, tuple], families: list[str]) -> None:
    family_handles = [plt.Line2D([], [], marker="o", linestyle="", markersize=8, markerfacecolor=colours[f],
                                 markeredgecolor="black", markeredgewidth=0.5, alpha=0.8, label=f) for f in families]
    size_handles = [plt.scatter([], [], s=_area(m * 1e6), facecolors="none", edgecolors="black", linewidths=0.8,
                                label=f"{m}M parameters") for m in SIZE_KEYS_M]
    figure.legend(handles=family_handles, title="family (colour)", loc="upper left", bbox_to_anchor=(0.06, 0.11),
                  ncol=min(len(families), 8), fontsize=8, title_fontsize=9, frameon=False)
    figure.legend(handles=size_handles, title="bubble area", loc="upper right", bbox_to_anchor=(0.98, 0.11),
                  ncol=len(size_handles), fontsize=8, title_fontsize=9, frameon=False, labelspacing=1.5,
                  borderpad=1.0, handletextpad=1.2, columnspacing=2.0)


def _pyplot():
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as error:
        raise RuntimeError("--plot needs matplotlib: pip install 'classic-grade[plot]'") from error
    return plt


def plot(entries: list[dict], path: str | Path) -> list[str]:
    """Draw the chart into ``path`` (format from its suffix); return the names left off it."""
    plt = _pyplot()
    figure, left_off = draw(entries)
    # "tight" grows the saved area to hold everything drawn: legends and labels are never clipped.
    figure.savefig(path, dpi=DPI, bbox_inches="tight")
    plt.close(figure)
    return left_off


def draw(entries: list[dict]):
    """(the chart as a matplotlib Figure, the names left off it); the caller closes the figure."""
    plt = _pyplot()
    panels, left_off = chart_points(entries)
    if not panels:
        raise RuntimeError("none of these networks has an ImageNet top-1 figure to plot")
    colours = _family_colours()
    everything = [point for points in panels.values() for point in points]
    gmacs = [entry["macs"] / 1e9 for entry, _ in everything]
    top1 = [value for _, value in everything]

    # Panel widths follow their counts (the library's panel holds most networks), within limits.
    ratios = [min(max(len(points), 15), 45) for points in panels.values()]
    figure, axes_row = plt.subplots(1, len(panels), figsize=(min(sum(ratios) / 3.2, 20), 9.5), dpi=DPI,
                                    sharex=True, sharey=True, squeeze=False, width_ratios=ratios)
    figure.subplots_adjust(left=0.06, right=0.98, top=0.9, bottom=0.2, wspace=0.05)
    for axes, (panel, points) in zip(axes_row[0], panels.items()):
        axes.set_xscale("log")
        axes.set_xlim(min(gmacs) / 1.8, max(gmacs) * 1.8)
        axes.set_ylim(min(top1) - 3, max(top1) + 3)
        axes.grid(True, which="both", alpha=0.25)
        axes.set_title(f"{PANEL_TITLES[panel]} ({len(points)})", fontsize=10)
        axes.set_xlabel("multiply-accumulates per image at the canonical input (G, log scale)")
        # Big bubbles first, so small ones are drawn on top and stay visible.
        points = sorted(points, key=lambda point: -point[0]["params"])
        for entry, value in points:
            axes.scatter(entry["macs"] / 1e9, value, s=_area(entry["params"]), color=colours[entry["family"]],
                         alpha=0.55, edgecolors="black", linewidths=0.5, zorder=3)
    axes_row[0][0].set_ylabel("ImageNet top-1 accuracy (%)")
    figure.suptitle("Accuracy versus operations: MACs and parameters are ours, counted; accuracy as labelled",
                    fontsize=12)
    families = sorted({entry["family"] for entry, _ in everything})
    _legends(figure, plt, colours, families)
    if left_off:
        figure.text(0.06, 0.015, f"Not drawn: {len(left_off)} networks with no ImageNet top-1 figure kept "
                    "(CIFAR and MNIST networks, twins whose accuracy only timm reports, our own variants); "
                    "`classic-grade zoo --plot` names them.", fontsize=8, color="0.3")

    figure.canvas.draw()  # the layout is final now: labels are placed in pixels
    to_pixels = DPI / 72
    for axes, points in zip(axes_row[0], panels.values()):
        labelled = [(entry["macs"] / 1e9, value, math.sqrt(_area(entry["params"])) / 2 * to_pixels, entry["name"])
                    for entry, value in sorted(points, key=lambda point: (point[0]["macs"], point[1]))]
        place_labels(axes, labelled)
    return figure, left_off
