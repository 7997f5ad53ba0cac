"""`classic-grade zoo --plot`: every network with an ImageNet top-1 figure is drawn and labelled,
labels never overlap or leave their panel, both legends are there, and no table is printed."""

from __future__ import annotations

import itertools

import pytest
from click.testing import CliRunner

import classic_cnn
from classic_grade.cli import main
from classic_grade.zoo import zoo_entries
from classic_grade.zoo_plot import LIBRARY, PAPER, accuracy, chart_points, draw


@pytest.fixture(scope="module")
def entries(tmp_path_factory):
    # The same cache folder as tests/test_zoo_table_speed.py: the zoo is counted once a session.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLASSIC_GRADE_CACHE", str(tmp_path_factory.getbasetemp() / "zoo-counts"))
        yield zoo_entries()


@pytest.fixture(scope="module")
def chart(entries):
    import matplotlib.pyplot as plt

    figure, left_off = draw(entries)
    figure.canvas.draw()
    yield figure, left_off
    plt.close(figure)


def test_every_imagenet_network_with_a_top1_figure_is_on_it(entries):
    panels, left_off = chart_points(entries)
    drawn = {entry["name"]: panel for panel, points in panels.items() for entry, _ in points}
    for entry in entries:
        has_figure = entry["output_shape"][-1] == 1000 and accuracy(entry) is not None
        assert (entry["name"] in drawn) == has_figure and (entry["name"] in left_off) != has_figure
    assert drawn["googlenet"] == PAPER and drawn["vgg16"] == PAPER
    assert drawn["googlenet_torchvision"] == LIBRARY and drawn["resnet50"] == LIBRARY
    assert "lenet5" in left_off and "resnet110_cifar" in left_off


def test_labels_name_every_point_and_never_overlap_or_leave_their_panel(chart, entries):
    figure, _ = chart
    renderer = figure.canvas.get_renderer()
    panels, _ = chart_points(entries)
    for axes, points in zip(figure.axes, panels.values()):
        labels = [text for text in axes.texts if text.get_text()]
        assert sorted(t.get_text() for t in labels) == sorted(entry["name"] for entry, _ in points)
        frame = axes.get_window_extent(renderer)
        boxes = {t.get_text(): t.get_window_extent(renderer) for t in labels}
        for name, box in boxes.items():
            assert frame.x0 <= box.x0 and box.x1 <= frame.x1 and frame.y0 <= box.y0 and box.y1 <= frame.y1, name
        for (a, box_a), (b, box_b) in itertools.combinations(boxes.items(), 2):
            assert not box_a.overlaps(box_b), f"labels {a} and {b} overlap"


def test_colour_and_bubble_size_have_legends(chart, entries):
    figure, _ = chart
    legends = {legend.get_title().get_text(): legend for legend in figure.legends}
    assert set(legends) == {"family (colour)", "bubble area"}
    shown = {classic_cnn.model_info(e["name"]).family for points in chart_points(entries)[0].values()
             for e, _ in points}
    assert {t.get_text() for t in legends["family (colour)"].get_texts()} == shown
    assert [t.get_text() for t in legends["bubble area"].get_texts()] == [
        "5M parameters", "25M parameters", "100M parameters"]


def test_plot_draws_only(tmp_path, tmp_path_factory, entries):
    path = tmp_path / "chart.png"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLASSIC_GRADE_CACHE", str(tmp_path_factory.getbasetemp() / "zoo-counts"))
        result = CliRunner().invoke(main, ["zoo", "googlenet", "vgg1?", "lenet5", "--plot", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert result.stdout == ""  # no table before the chart
    assert "plotted 5 networks" in result.stderr and "lenet5" in result.stderr
