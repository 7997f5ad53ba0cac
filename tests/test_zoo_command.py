"""`classic-grade zoo`: the JSON contract, the per-layer tables, the chart and the errors."""

from __future__ import annotations

import json

from click.testing import CliRunner

from classic_grade.cli import main
from classic_grade.zoo_plot import accuracy


def run(*args: str):
    return CliRunner().invoke(main, ["zoo", *args])


def test_json_contract_and_figures():
    result = run("lenet5", "alexnet_torchvision", "--format", "json")
    assert result.exit_code == 0, result.output
    entries = json.loads(result.output)
    assert [e["name"] for e in entries] == ["lenet5", "alexnet_torchvision"]
    assert {"name", "family", "params", "macs", "input_size", "published", "output_shape", "twin"} <= set(entries[0])
    lenet, alexnet = entries
    assert (lenet["params"], lenet["macs"], lenet["input_size"], lenet["output_shape"]) == (
        60_000, 325_680, [1, 32, 32], [1, 10])
    connections = next(f for f in lenet["published"] if f["value"] == 340_908)
    assert connections["note"] and round(connections["difference"], 4) == round(325_680 / 340_908 - 1, 4)
    assert alexnet["twin"] == "torchvision:alexnet" and alexnet["macs"] == 714_188_480


def test_layers_reproduce_googlenet_table1_beside_ours():
    result = run("googlenet", "--layers", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {row["name"]: row for row in json.loads(result.output)[0]["layers"]}
    assert rows["inception3a"]["weights"] == 163_328 and rows["inception3a"]["macs"] == 128_049_152
    assert rows["inception3a"]["Table 1 params (K)"] == 159 and rows["inception5a"]["Table 1 ops (M)"] == 54
    assert rows["input"]["output_shape"] == [3, 224, 224]


def test_markdown_and_text_carry_the_layer_tables_and_notes():
    md = run("googlenet_torchvision", "vgg16", "--layers", "--format", "md")
    assert md.exit_code == 0, md.output
    assert "## vgg16" in md.output and "| TOTAL |  |  | 15,237,608 | 138,344,128 | 13,416 | 15,470,264,320 |" in md.output
    assert "torchvision's 3x3 '5x5' branch" in md.output
    text = run("vgg16", "--layers")
    assert text.exit_code == 0, text.output
    assert "15,470,264,320" in text.output and "features.0" in text.output


def test_plot_draws_an_image_and_names_what_it_left_off(tmp_path):
    path = tmp_path / "chart.png"
    result = CliRunner().invoke(main, ["zoo", "vgg16", "alexnet", "lenet5", "googlenet_torchvision",
                                       "--format", "json", "--plot", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "plotted 3 networks" in result.stderr and "lenet5" in result.stderr


def test_accuracy_prefers_the_paper_then_torchvision_weights():
    entries = {e["name"]: e for e in json.loads(run("vgg16", "googlenet_torchvision", "--format", "json").output)}
    assert accuracy(entries["vgg16"]) == (73.0, "paper")
    top1, source = accuracy(entries["googlenet_torchvision"])
    assert source.startswith("torchvision GoogLeNet_Weights") and 60 < top1 < 80


def test_unknown_name_is_an_error_with_suggestions():
    result = run("vgg17")
    assert result.exit_code != 0 and "did you mean" in result.output
