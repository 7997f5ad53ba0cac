"""The course's chart: ImageNet top-1 accuracy against multiply-accumulates, bubble area = parameters.

Operations and parameters are the zoo's computed figures. Accuracy is the paper's (a ``top1``
figure kept with the network), else the accuracy torchvision measured for the twin's published
weights (read from torchvision's weight metadata: nothing is downloaded). Networks with neither,
and networks not trained on ImageNet, are left off the chart and named in the returned list.
matplotlib is an optional extra (``pip install classic-grade[plot]``).
"""
from __future__ import annotations

from pathlib import Path


def accuracy(entry: dict) -> tuple[float, str] | None:
    """(top-1 %, where it comes from) for an entry of :func:`classic_grade.zoo.zoo_entry`, or None."""
    for figure in entry["published"]:
        if figure["unit"] == "top1":
            return figure["value"], "paper"
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
                return metrics["acc@1"], f"torchvision {weight}"
    return None


def plot(entries: list[dict], path: str | Path) -> list[str]:
    """Draw the chart into ``path`` (format from its suffix); return the names left off it."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError as error:
        raise RuntimeError("--plot needs matplotlib: pip install 'classic-grade[plot]'") from error

    placed, left_off = [], []
    for entry in entries:
        found = accuracy(entry) if entry["output_shape"][-1] == 1000 else None
        (placed if found else left_off).append((entry, found) if found else entry["name"])

    figure, axes = plt.subplots(figsize=(10, 6.5))
    for entry, (top1, source) in placed:
        gmacs, mparams = entry["macs"] / 1e9, entry["params"] / 1e6
        marker = "o" if source == "paper" else "s"
        axes.scatter(gmacs, top1, s=mparams * 8, alpha=0.45, marker=marker, edgecolors="black", linewidths=0.5)
        axes.annotate(entry["name"], (gmacs, top1), fontsize=7, ha="center", va="bottom",
                      xytext=(0, 4), textcoords="offset points")
    axes.set_xscale("log")
    axes.set_xlabel("multiply-accumulates per image at the canonical input (G, log scale)")
    axes.set_ylabel("ImageNet top-1 accuracy (%)")
    axes.set_title("Accuracy versus operations (bubble area = parameters; circle: paper, square: torchvision weights)")
    axes.grid(True, which="both", alpha=0.3)
    figure.tight_layout()
    figure.savefig(path, dpi=150)
    plt.close(figure)
    return left_off
