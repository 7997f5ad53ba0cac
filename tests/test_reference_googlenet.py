"""The day19 reference (classic_cnn): Inception blocks, GoogLeNet, counting and the registry.

Whole networks are built on the meta device: counts and shapes come from shapes alone.
"""

from __future__ import annotations

import pytest
import torch
import torch.nn as nn
from hypothesis import given, settings
from hypothesis import strategies as st

import classic_cnn
from classic_cnn import (
    FactorizedConv,
    GoogLeNet,
    InceptionBlock,
    conv1x1,
    conv_params,
    count_macs,
    count_params,
    feature_shapes,
    inception_macs,
)
from classic_cnn.models.googlenet import GoogLeNetOutputs, paper_table1

FAST = settings(derandomize=True, max_examples=15, deadline=None, database=None)
META = torch.device("meta")
IMAGE = (1, 3, 224, 224)
BLOCKS = [f"inception{row.name}" for row in paper_table1()]


def meta_googlenet(**kwargs) -> GoogLeNet:
    with META:
        return GoogLeNet(**kwargs)


# --- counting functions -------------------------------------------------------------------


@pytest.mark.parametrize(
    "in_channels, filters, expected",
    [
        # GoogLeNet (3a), Table 1's "128M".
        (192, [64, 96, 128, 16, 32, 32], 128_049_152),
        # The lecture's 28x28x256 example: 1x1 128, 3x3 192, 5x5 96, every reduce/proj 64.
        # Its six terms add up to 271,351,808 (the slide's printed 358M is an addition slip).
        (256, [128, 64, 192, 64, 96, 64], 271_351_808),
        # GoogLeNet (3b), Table 1's "304M".
        (256, [128, 128, 192, 32, 96, 64], 304_267_264),
    ],
)
def test_inception_macs_documented_rows(in_channels, filters, expected):
    assert inception_macs(in_channels, filters, 28, 28) == expected


def test_inception_macs_matches_paper_ops_column():
    # The paper prints whole M, sometimes rounded (87.9 -> 88), sometimes cut (73.6 -> 73), so
    # every row agrees within 1M -- except 5a, whose printed 54M its own filters (51.1M) contradict.
    for row in paper_table1():
        h, w, _ = row.output_size
        computed = inception_macs(row.in_channels, row.filters, h, w) / 1e6
        assert (abs(computed - row.paper_ops_m) < 1) == (row.name != "5a"), (row, computed)


filters_st = st.lists(st.integers(1, 24), min_size=6, max_size=6)


@FAST
@given(in_channels=st.integers(1, 48), filters=filters_st, height=st.integers(1, 17), width=st.integers(1, 17))
def test_inception_macs_equals_counted_block(in_channels, filters, height, width):
    with META:
        block = InceptionBlock(in_channels, filters)
    assert inception_macs(in_channels, filters, height, width) == count_macs(
        block, (1, in_channels, height, width)
    )


kernel_st = st.one_of(st.integers(1, 7), st.tuples(st.integers(1, 7), st.integers(1, 7)))


@FAST
@given(in_channels=st.integers(1, 256), out_channels=st.integers(1, 256), kernel_size=kernel_st, bias=st.booleans())
def test_conv_params_equals_conv2d(in_channels, out_channels, kernel_size, bias):
    with META:
        conv = nn.Conv2d(in_channels, out_channels, kernel_size, bias=bias)
    assert conv_params(in_channels, out_channels, kernel_size, bias) == count_params(conv)


def test_conv_params_course_examples():
    assert conv_params(192, 64, 1) == 192 * 64 + 64
    assert conv_params(192, 64, 3) == 9 * 192 * 64 + 64
    assert conv_params(3, 64, (7, 7)) == 9_472
    assert conv_params(192, 64, 1, bias=False) == 192 * 64


# --- blocks --------------------------------------------------------------------------------


def test_conv1x1_is_a_plain_1x1_conv_with_bias():
    conv = conv1x1(192, 64)
    assert isinstance(conv, nn.Conv2d)
    assert conv.kernel_size == (1, 1) and conv.bias is not None
    assert count_params(conv) == 193 * 64


def test_inception_block_shape_and_branch_order():
    torch.manual_seed(0)
    block = InceptionBlock(192, [64, 96, 128, 16, 32, 32])
    assert block.out_channels == 256
    assert [name for name, _ in block.named_children()] == ["branch1x1", "branch3x3", "branch5x5", "branch_pool"]
    x = torch.randn(2, 192, 11, 9)
    out = block(x)
    assert out.shape == (2, 256, 11, 9)
    # Channels come out in branch order A, B, C, D.
    assert torch.equal(out[:, :64], block.branch1x1(x))
    assert torch.equal(out[:, 224:], block.branch_pool(x))
    assert count_params(block) == 163_696


def test_inception_block_rejects_bad_filter_list():
    with pytest.raises(ValueError, match="six numbers"):
        InceptionBlock(192, [64, 96, 128, 16, 32])


@pytest.mark.parametrize("n", [1, 3, 7])
def test_factorized_conv_keeps_spatial_size(n):
    conv = FactorizedConv(16, 24, n)
    out = conv(torch.randn(1, 16, 9, 5))
    assert out.shape == (1, 24, 9, 5)
    assert count_params(conv) == n * 16 * 24 + 24 + n * 24 * 24 + 24


def test_factorized_conv_rejects_even_n():
    with pytest.raises(ValueError):
        FactorizedConv(16, 16, 4)


# --- GoogLeNet -----------------------------------------------------------------------------


def test_googlenet_params():
    assert count_params(meta_googlenet()) == 6_998_552
    assert count_params(meta_googlenet(aux_logits=True)) == 13_378_280


@pytest.mark.parametrize("pool_mode, macs", [("ceil", 1_582_671_872), ("floor", 1_431_556_352)])
def test_googlenet_macs_at_224(pool_mode, macs):
    assert count_macs(meta_googlenet(pool_mode=pool_mode), IMAGE) == macs


def test_googlenet_macs_ignore_aux_heads():
    # Counting runs in eval mode, where the auxiliary heads do not run.
    assert count_macs(meta_googlenet(aux_logits=True), IMAGE) == 1_582_671_872


def test_googlenet_block_shapes_at_224():
    shapes = feature_shapes(meta_googlenet(), IMAGE, BLOCKS)
    expected = {f"inception{row.name}": (1, row.output_size[2], *row.output_size[:2]) for row in paper_table1()}
    assert shapes == expected
    assert [shape[1:] for shape in shapes.values()] == [
        (256, 28, 28), (480, 28, 28), (512, 14, 14), (512, 14, 14), (512, 14, 14),
        (528, 14, 14), (832, 14, 14), (832, 7, 7), (1024, 7, 7),
    ]  # fmt: skip


def test_paper_table_rows_chain():
    rows = paper_table1()
    assert [row.name for row in rows] == ["3a", "3b", "4a", "4b", "4c", "4d", "4e", "5a", "5b"]
    for row in rows:
        f1, _, f3, _, f5, pp = row.filters
        assert row.output_size[2] == f1 + f3 + f5 + pp
    for before, after in zip(rows, rows[1:]):
        assert after.in_channels == before.output_size[2]


def test_googlenet_aux_heads_only_in_train_mode():
    net = meta_googlenet(aux_logits=True, num_classes=10)
    x = torch.empty(2, 3, 224, 224, device=META)
    out = net.train()(x)
    assert isinstance(out, GoogLeNetOutputs)
    assert [t.shape for t in out] == [(2, 10)] * 3
    assert net.eval()(x).shape == (2, 10)
    assert meta_googlenet(num_classes=10).train()(x).shape == (2, 10)


def test_googlenet_rejects_aux_with_floor_pools_and_unknown_mode():
    with pytest.raises(ValueError):
        meta_googlenet(aux_logits=True, pool_mode="floor")
    with pytest.raises(ValueError):
        meta_googlenet(pool_mode="same")


def test_googlenet_real_forward_is_finite():
    torch.manual_seed(0)
    net = GoogLeNet(num_classes=7).eval()
    with torch.no_grad():
        out = net(torch.randn(1, 3, 224, 224))
    assert out.shape == (1, 7) and torch.isfinite(out).all()


# --- counting helpers and registry ------------------------------------------------------------


def test_count_macs_restores_training_mode():
    net = meta_googlenet(aux_logits=True).train()
    count_macs(net, IMAGE)
    assert all(m.training for m in net.modules())


def test_registry_lists_and_creates():
    assert "googlenet" in classic_cnn.list_models()
    assert classic_cnn.list_models() == sorted(classic_cnn.list_models())
    with META:
        net = classic_cnn.create("googlenet", num_classes=10)
    assert isinstance(net, GoogLeNet) and net.fc.out_features == 10


def test_registry_info_and_published_figures():
    info = classic_cnn.model_info("googlenet")
    assert info.name == "googlenet" and info.family == "Inception"
    assert info.canonical_input == (3, 224, 224)
    figures = classic_cnn.published("googlenet")
    assert figures == info.published
    exact = {(f.unit, f.value) for f in figures if f.exact}
    assert {("params", 6_998_552), ("params", 13_378_280)} <= exact
    assert {("MACs", 1_582_671_872), ("MACs", 1_431_556_352)} <= exact
    assert any(f.value == 6.8e6 and not f.exact for f in figures)
    with pytest.raises(Exception):
        figures[0].value = 0  # frozen


def test_registry_unknown_name_suggests_close_matches():
    with pytest.raises(KeyError, match="googlenet"):
        classic_cnn.create("googlenett")
    with pytest.raises(KeyError):
        classic_cnn.model_info("no-such-net")


def test_register_model_refuses_duplicates():
    with pytest.raises(ValueError):
        classic_cnn.register_model("googlenet", family="Inception")(lambda: nn.Identity())
