"""day23's references agree with PyTorch's own counts and with the course's definitions.

The grader trusts these: dense_block_params and separable_macs are the answer key of the counting
tasks, ConcatDenseLayer, DenseBlock, DepthwiseSeparable and channel_shuffle that of the others.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

torch = pytest.importorskip("torch")

from classic_cnn.blocks import (ConcatDenseLayer, DenseBlock, DepthwiseSeparable, channel_shuffle,  # noqa: E402
                                dense_block_params, separable_macs)
from classic_cnn.counting import count_macs, count_params  # noqa: E402

QUICK = settings(max_examples=15, deadline=None, derandomize=True)


@QUICK
@given(st.integers(1, 5), st.integers(1, 12), st.integers(1, 8), st.sampled_from([None, 1, 2, 4]))
def test_dense_block_params_counts_the_block(layers, cin, growth, bottleneck):
    with torch.device("meta"):
        block = DenseBlock(layers, cin, growth, bottleneck)
    assert dense_block_params(layers, cin, growth, bottleneck) == count_params(block)


def test_densenet121_first_block():
    assert dense_block_params(6, 64, 32) == 335_040


@QUICK
@given(st.integers(1, 6), st.integers(1, 4), st.sampled_from([None, 2, 4]), st.integers(1, 5))
def test_dense_layer_returns_x_first_then_growth_rate_channels(cin, growth, bottleneck, size):
    layer = ConcatDenseLayer(cin, growth, bottleneck).eval()
    x = torch.randn(2, cin, size, size)
    out = layer(x)
    assert out.shape == (2, cin + growth, size, size)
    assert torch.equal(out[:, :cin], x)


@QUICK
@given(st.integers(1, 16), st.integers(1, 16), st.integers(1, 9), st.integers(1, 9), st.sampled_from([1, 2]))
def test_separable_macs_is_what_the_flop_counter_measures(cin, cout, height, width, stride):
    unit = DepthwiseSeparable(cin, cout, stride)
    out_h, out_w = (height - 1) // stride + 1, (width - 1) // stride + 1
    separable, standard = separable_macs(cin, cout, out_h, out_w)
    assert separable == count_macs(unit, (1, cin, height, width))
    conv = torch.nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
    assert standard == count_macs(conv, (1, cin, height, width))


def test_mobilenet_table3_row():
    assert separable_macs(512, 512, 14, 14) == (52_283_392, 462_422_016)


@QUICK
@given(st.integers(1, 6), st.integers(1, 6))
def test_channel_shuffle_moves_channel_i_c_over_g_plus_j_to_j_g_plus_i(groups, per_group):
    channels = groups * per_group
    x = torch.randn(2, channels, 3, 2)
    before = x.clone()
    out = channel_shuffle(x, groups)
    for i in range(groups):
        for j in range(per_group):
            assert torch.equal(out[:, j * groups + i], x[:, i * per_group + j])
    assert torch.equal(x, before)
