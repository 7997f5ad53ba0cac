"""`classic-grade zoo`: the reference networks' figures, computed, beside the papers' published ones.

Everything is computed on the ``meta`` device (shapes only), and the counts are cached by
:mod:`.zoo_counts` under a hash of the zoo's sources, so the whole zoo takes seconds. This module
gathers the data (:func:`zoo_entries`) and renders it (:func:`render_text`, :func:`render_markdown`,
:func:`render_json`); :mod:`.zoo_plot` draws the chart.
"""
from __future__ import annotations

import json
from typing import Callable, Iterable

import torch

import classic_cnn
from classic_cnn.registry import Figure, ModelInfo
from classic_cnn.tables import layer_table

from .zoo_counts import count_one, counts
from .zoo_reasons import reason

__all__ = ["zoo_entry", "zoo_entries", "selected_names", "render_text", "render_markdown", "render_json",
           "PAPER_LAYER_COLUMNS"]

META = torch.device("meta")


def _googlenet_table1() -> dict[str, dict[str, float]]:
    from classic_cnn.models.googlenet import paper_table1

    return {f"inception{row.name}": {"Table 1 params (K)": row.paper_params_k, "Table 1 ops (M)": row.paper_ops_m}
            for row in paper_table1()}


# Published per-layer columns to print beside ours in `--layers`, keyed by registry name:
# a function giving {row name: {column: value}}. GoogLeNet's Table 1 prints weights in K = 1024.
PAPER_LAYER_COLUMNS: dict[str, Callable[[], dict[str, dict[str, float]]]] = {"googlenet": _googlenet_table1}


def _figure_dict(figure: Figure, ours: int | None, info: ModelInfo) -> dict:
    data = {"value": figure.value, "unit": figure.unit, "source": figure.source, "exact": figure.exact,
            "note": figure.note, "reason": reason(figure, info)}
    # The relative difference of our default build's count from this figure (None for accuracies).
    data["difference"] = None if ours is None or not figure.value else (ours - figure.value) / figure.value
    return data


def zoo_entry(name: str, layers: bool = False, counted: dict | None = None) -> dict:
    """One network's computed figures (default build, canonical input, batch 1) and published ones.

    ``counted`` is :func:`classic_grade.zoo_counts.count_one`'s result for ``name``, when known."""
    info: ModelInfo = classic_cnn.model_info(name)
    counted = counted or count_one(name)
    ours = {"params": counted["params"], "MACs": counted["macs"]}
    entry = {
        "name": name,
        "family": info.family,
        "params": counted["params"],
        "macs": counted["macs"],
        "input_size": list(info.canonical_input),
        "output_shape": list(counted["output_shape"]),
        "twin": info.twin,
        "published": [_figure_dict(f, ours.get(f.unit), info) for f in info.published],
    }
    if layers:
        shape = (1, *info.canonical_input)
        with META:
            net = classic_cnn.create(name)
        extra = PAPER_LAYER_COLUMNS.get(name, lambda: {})()
        entry["layers"] = [{**row.as_dict(), **extra.get(row.name, {})} for row in layer_table(net, shape)]
    return entry


def selected_names(patterns: Iterable[str] = ()) -> list[str]:
    """Registered names for command-line ``patterns``, in their order: a plain name must exist
    (KeyError with suggestions otherwise), a wildcard (``resnet*``) must match at least one."""
    patterns = list(patterns)
    if not patterns:
        return classic_cnn.list_models()
    names: list[str] = []
    for pattern in patterns:
        if any(c in pattern for c in "*?["):
            matched = classic_cnn.list_models(pattern)
            if not matched:
                raise KeyError(f"no model matches {pattern!r} (see classic_cnn.list_models())")
            names += matched
        else:
            classic_cnn.model_info(pattern)
            names.append(pattern)
    return list(dict.fromkeys(names))


def zoo_entries(names: Iterable[str] = (), layers: bool = False) -> list[dict]:
    """Entries for ``names`` (names or wildcards; every registered network when empty), in the order
    given. The counts come from :mod:`.zoo_counts`' cache, the missing ones counted in parallel."""
    names = selected_names(names)
    counted = counts(names)
    return [zoo_entry(name, layers, counted[name]) for name in names]


# --- rendering ----------------------------------------------------------------------------------


def _count(value: float, unit: str) -> str:
    if unit == "top1":
        return f"{value:g}%"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.4g}"


def _difference(figure: dict) -> str:
    if figure["difference"] is None:
        return ""
    return "=" if figure["difference"] == 0 else f"{figure['difference']:+.1%}"


FIGURE_COLUMNS = ["value", "unit", "ours vs it", "kind", "source", "why they differ"]


def _figure_groups(entry: dict) -> tuple[list[dict], list[dict]]:
    """(figures papers printed, exact counts of builds: ours and libraries' identical ones)."""
    figures = entry["published"]
    return [f for f in figures if not f["exact"]], [f for f in figures if f["exact"]]


def _figure_cells(figure: dict) -> list[str]:
    if figure["exact"]:
        # Only the default build's own count compares with ours; the others describe other options.
        difference = "=" if figure["difference"] == 0 else ""
        return [_count(figure["value"], figure["unit"]), figure["unit"], difference, "exact count",
                figure["source"], figure["note"]]
    return [_count(figure["value"], figure["unit"]), figure["unit"], _difference(figure), "published",
            figure["source"], figure["reason"]]


def _shape(shape: Iterable[int]) -> str:
    return "x".join(str(s) for s in shape)


def _layer_columns(entry: dict) -> list[str]:
    columns = ["layer", "type", "output", "activations", "weights", "biases", "MACs"]
    extra = [key for row in entry["layers"] for key in row if key not in LAYER_KEYS]
    return columns + list(dict.fromkeys(extra))


LAYER_KEYS = {"name", "kind", "output_shape", "activations", "weights", "biases", "macs", "params"}


def _layer_cells(row: dict, columns: list[str]) -> list[str]:
    base = [row["name"], row["kind"], _shape(row["output_shape"]), f"{row['activations']:,}",
            f"{row['weights']:,}", f"{row['biases']:,}", f"{row['macs']:,}"]
    return base + [f"{row[c]:g}" if c in row else "" for c in columns[len(base):]]


def _layer_total(entry: dict) -> list[str]:
    rows = entry["layers"]
    total = ["TOTAL", "", "", f"{sum(r['activations'] for r in rows):,}", f"{sum(r['weights'] for r in rows):,}",
             f"{sum(r['biases'] for r in rows):,}", f"{sum(r['macs'] for r in rows):,}"]
    return total + [""] * (len(_layer_columns(entry)) - len(total))


def render_text(entries: list[dict], console=None) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = console or Console(highlight=False)
    summary = Table(title="classic_cnn zoo (computed on meta, batch 1)", title_justify="left")
    for column in ("network", "family", "input", "params", "MACs", "output", "twin"):
        summary.add_column(column, justify="right" if column in ("params", "MACs") else "left")
    for e in entries:
        summary.add_row(e["name"], e["family"], _shape(e["input_size"]), f"{e['params']:,}", f"{e['macs']:,}",
                        _shape(e["output_shape"]), e["twin"] or "")
    console.print(summary)
    for e in entries:
        figures = Table(title=f"{e['name']}: published figures, then exact counts of builds", title_justify="left")
        for column in FIGURE_COLUMNS:
            figures.add_column(column, overflow="fold")
        published, builds = _figure_groups(e)
        for f in published:
            figures.add_row(*(escape(cell) for cell in _figure_cells(f)))
        if published and builds:
            figures.add_section()  # our own builds' counts apart from what papers printed
        for f in builds:
            figures.add_row(*(escape(cell) for cell in _figure_cells(f)))
        console.print(figures)
        if "layers" in e:
            columns = _layer_columns(e)
            table = Table(title=f"{e['name']}: per layer at {_shape(e['input_size'])}", title_justify="left")
            for column in columns:
                table.add_column(column, justify="left" if column in ("layer", "type", "output") else "right")
            for row in e["layers"]:
                table.add_row(*_layer_cells(row, columns))
            table.add_section()
            table.add_row(*_layer_total(e))
            console.print(table)


def _md_row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(str(c).replace("|", "\\|") for c in cells) + " |"


def _md_table(header: list[str], rows: Iterable[list[str]]) -> list[str]:
    return [_md_row(header), _md_row(["---"] * len(header)), *(_md_row(r) for r in rows)]


def render_markdown(entries: list[dict]) -> str:
    lines = ["# classic_cnn zoo", ""]
    lines += _md_table(["network", "family", "input", "params", "MACs", "output", "twin"],
                       ([e["name"], e["family"], _shape(e["input_size"]), f"{e['params']:,}", f"{e['macs']:,}",
                         _shape(e["output_shape"]), e["twin"] or ""] for e in entries))
    for e in entries:
        lines += ["", f"## {e['name']}", ""]
        published, builds = _figure_groups(e)
        if published:
            lines += ["Published:", ""] + _md_table(FIGURE_COLUMNS, map(_figure_cells, published)) + [""]
        if builds:
            lines += ["Exact counts of builds:", ""] + _md_table(FIGURE_COLUMNS, map(_figure_cells, builds))
        if "layers" in e:
            columns = _layer_columns(e)
            lines += ["", f"Per layer at {_shape(e['input_size'])}:", ""]
            lines += _md_table(columns, [*(_layer_cells(r, columns) for r in e["layers"]), _layer_total(e)])
    return "\n".join(lines) + "\n"


def render_json(entries: list[dict]) -> str:
    return json.dumps(entries, indent=1)
