"""Family facts of the classic zoo that the registry-wide test cannot know: the papers' tables,
the layouts' map sizes, and the places where a library's network is not the paper's."""

from __future__ import annotations

import pytest
import torch
import torch.nn as nn

import classic_cnn
from classic_cnn import count_macs, count_params, feature_shapes
from classic_cnn.models.googlenet import paper_table1
from classic_cnn.models.lenet import C3_TABLE, SparseConv
from classic_cnn.models.vgg import VGG
from classic_cnn.tables import layer_table

META = torch.device("meta")


def meta_build(name: str, **kwargs) -> nn.Module:
    with META:
        return classic_cnn.create(name, **kwargs)


def table(name: str, **kwargs):
    return layer_table(meta_build(name, **kwargs), (1, *classic_cnn.model_info(name).canonical_input))


# --- LeNet-5 ----------------------------------------------------------------------------------------


def test_lenet5_layer_counts_are_the_papers():
    params = {row.name.rsplit(".", 1)[-1]: row.params for row in table("lenet5")}
    # LeCun et al. 1998, Sec. II.B, layer by layer.
    assert params == {"input": 0, "c1": 156, "s2": 12, "c3": 1516, "s4": 32, "c5": 48_120, "f6": 10_164,
                      "output": 0}


def test_lenet5_rbf_prototypes_are_fixed_not_trained():
    net = classic_cnn.create("lenet5")
    assert "output.prototypes" in dict(net.named_buffers())
    assert set(net.output.prototypes.unique().tolist()) == {-1.0, 1.0}
    assert (net(torch.randn(3, 1, 32, 32)) >= 0).all()  # squared distances


def test_c3_map_reads_only_its_table_inputs():
    assert sum(len(inputs) for inputs in C3_TABLE) == 60
    torch.manual_seed(0)
    conv = SparseConv(C3_TABLE, 5)
    x = torch.randn(1, 6, 14, 14)
    base = conv(x)
    for channel in range(6):
        bumped = x.clone()
        bumped[:, channel] += 1.0
        changed = (conv(bumped) - base).abs().amax(dim=(0, 2, 3)) > 0
        expected = torch.tensor([channel in inputs for inputs in C3_TABLE])
        assert torch.equal(changed, expected), f"input map {channel}"


# --- AlexNet and ZFNet -----------------------------------------------------------------------------


def test_alexnet_paper_map_sizes_at_227():
    net = meta_build("alexnet")
    pools = [f"features.{i}" for i, m in enumerate(net.features) if isinstance(m, nn.MaxPool2d)]
    convs = [f"features.{i}" for i, m in enumerate(net.features) if isinstance(m, nn.Conv2d)]
    shapes = feature_shapes(net, (1, 3, 227, 227), convs + pools)
    assert [shapes[c][1:] for c in convs] == [(96, 55, 55), (256, 27, 27), (384, 13, 13), (384, 13, 13),
                                              (256, 13, 13)]
    assert [shapes[p][2] for p in pools] == [27, 13, 6]


def test_alexnet_two_towers_only_meet_at_conv3_and_the_fcs():
    net = meta_build("alexnet")
    groups = [m.groups for m in net.features if isinstance(m, nn.Conv2d)]
    assert groups == [1, 2, 1, 2, 2]
    # Without the split every grouped conv sees all its inputs: twice the weights of conv2/4/5.
    assert count_params(meta_build("alexnet_ungrouped")) - count_params(net) == 307_200 + 663_552 + 442_368


def test_torchvision_alexnet_is_not_the_papers():
    paper, library = meta_build("alexnet"), meta_build("alexnet_torchvision")
    assert [m.out_channels for m in paper.features if isinstance(m, nn.Conv2d)] == [96, 256, 384, 384, 256]
    assert [m.out_channels for m in library.features if isinstance(m, nn.Conv2d)] == [64, 192, 384, 256, 256]
    assert not any(isinstance(m, nn.LocalResponseNorm) for m in library.modules())
    assert sum(isinstance(m, nn.LocalResponseNorm) for m in paper.modules()) == 2


def test_zfnet_map_sizes_of_fig3_and_its_narrow_option():
    net = meta_build("zfnet")
    named = {i: f"features.{i}" for i, m in enumerate(net.features) if isinstance(m, (nn.Conv2d, nn.MaxPool2d))}
    shapes = feature_shapes(net, (1, 3, 224, 224), named.values())
    assert [shapes[n][2] for n in named.values()] == [110, 55, 26, 13, 13, 13, 13, 6]
    assert count_params(meta_build("zfnet", widths=(384, 384, 256))) == 62_357_608


# --- VGG -------------------------------------------------------------------------------------------

# The seed's per-layer table for VGG-16 (research/networks.json): layer, output, activations,
# weights, biases, MACs.
VGG16_SEED_TABLE = [
    ("INPUT", "224x224x3", 150528, 0, 0, 0),
    ("CONV3-64", "224x224x64", 3211264, 1728, 64, 86704128),
    ("CONV3-64", "224x224x64", 3211264, 36864, 64, 1849688064),
    ("POOL2", "112x112x64", 802816, 0, 0, 0),
    ("CONV3-128", "112x112x128", 1605632, 73728, 128, 924844032),
    ("CONV3-128", "112x112x128", 1605632, 147456, 128, 1849688064),
    ("POOL2", "56x56x128", 401408, 0, 0, 0),
    ("CONV3-256", "56x56x256", 802816, 294912, 256, 924844032),
    ("CONV3-256", "56x56x256", 802816, 589824, 256, 1849688064),
    ("CONV3-256", "56x56x256", 802816, 589824, 256, 1849688064),
    ("POOL2", "28x28x256", 200704, 0, 0, 0),
    ("CONV3-512", "28x28x512", 401408, 1179648, 512, 924844032),
    ("CONV3-512", "28x28x512", 401408, 2359296, 512, 1849688064),
    ("CONV3-512", "28x28x512", 401408, 2359296, 512, 1849688064),
    ("POOL2", "14x14x512", 100352, 0, 0, 0),
    ("CONV3-512", "14x14x512", 100352, 2359296, 512, 462422016),
    ("CONV3-512", "14x14x512", 100352, 2359296, 512, 462422016),
    ("CONV3-512", "14x14x512", 100352, 2359296, 512, 462422016),
    ("POOL2", "7x7x512", 25088, 0, 0, 0),
    ("FC-4096", "1x1x4096", 4096, 102760448, 4096, 102760448),
    ("FC-4096", "1x1x4096", 4096, 16777216, 4096, 16777216),
    ("FC-1000", "1x1x1000", 1000, 4096000, 1000, 4096000),
]


def _hwc(shape: tuple[int, ...]) -> str:
    c, h, w = shape if len(shape) == 3 else (shape[0], 1, 1)
    return f"{h}x{w}x{c}"


def test_vgg16_per_layer_table_is_the_seeds():
    rows = table("vgg16")
    ours = [(_hwc(r.output_shape), r.activations, r.weights, r.biases, r.macs) for r in rows]
    assert ours == [row[1:] for row in VGG16_SEED_TABLE]
    assert sum(r.activations for r in rows) == 15_237_608 and sum(r.weights for r in rows) == 138_344_128


def test_vgg_config_c_has_its_1x1_convs_and_a_lrn_only_adds_a_normalisation():
    kernels = [m.kernel_size[0] for m in meta_build("vgg16_c").features if isinstance(m, nn.Conv2d)]
    assert kernels == [3, 3, 3, 3, 3, 3, 1, 3, 3, 1, 3, 3, 1]
    lrn = meta_build("vgg11_lrn").features
    assert isinstance(lrn[2], nn.LocalResponseNorm) and isinstance(lrn[1], nn.ReLU)
    with pytest.raises(ValueError, match="unknown VGG config"):
        VGG("F")


# --- NiN -------------------------------------------------------------------------------------------


def test_nin_caffe_map_sizes_and_no_fc():
    net = meta_build("nin_cifar10")
    shapes = feature_shapes(net, (1, 3, 32, 32), ["pool1", "pool2", "mlpconv3"])
    assert shapes == {"pool1": (1, 96, 16, 16), "pool2": (1, 192, 8, 8), "mlpconv3": (1, 10, 8, 8)}
    assert not any(isinstance(m, nn.Linear) for m in net.modules())


# --- GoogLeNet ---------------------------------------------------------------------------------------

# Table 1's inception rows, from our filters: weights (no biases) and MACs at 224 (research table).
GOOGLENET_ROWS = {
    "3a": (163_328, 128_049_152), "3b": (388_096, 304_267_264), "4a": (375_552, 73_608_192),
    "4b": (448_512, 87_908_352), "4c": (509_440, 99_850_240), "4d": (604_672, 118_515_712),
    "4e": (867_328, 169_996_288), "5a": (1_042_432, 51_079_168), "5b": (1_442_816, 70_697_984),
}
# Rows whose printed params disagree with their own filters (4c: 463K for 497.5K; 5a: 1072K for
# 1018K) and whose printed ops do (5a: 54M for 51.1M).
PAPER_SLIPS_PARAMS, PAPER_SLIPS_OPS = {"4c", "5a"}, {"5a"}


def test_googlenet_table1_rows_from_the_layer_table():
    rows = {r.name: r for r in table("googlenet")}
    for paper in paper_table1():
        row = rows[f"inception{paper.name}"]
        assert (row.weights, row.macs) == GOOGLENET_ROWS[paper.name], paper.name
        assert (row.output_shape[1], row.output_shape[2], row.output_shape[0]) == paper.output_size
        params_gap = abs(row.weights / 1024 - paper.paper_params_k) / paper.paper_params_k
        ops_gap = abs(row.macs / 1e6 - paper.paper_ops_m)
        if paper.name in PAPER_SLIPS_PARAMS:
            assert params_gap > 0.04, f"{paper.name} is listed as a slip of the paper but agrees"
        else:
            assert params_gap < 0.02, paper.name
        assert (ops_gap > 1) == (paper.name in PAPER_SLIPS_OPS), paper.name


def test_torchvision_googlenet_deviations_from_the_paper():
    paper, library = meta_build("googlenet"), meta_build("googlenet_torchvision")
    assert paper.inception3a.branch5x5[2].kernel_size == (5, 5)
    assert library.inception3a.branch3[1].conv.kernel_size == (3, 3)  # torchvision's "5x5" branch
    assert library.maxpool4.kernel_size == 2 and paper.maxpool4.kernel_size == 3
    assert library.dropout.p == 0.2 and paper.dropout.p == 0.4
    assert count_macs(paper, (1, 3, 224, 224)) - count_macs(library, (1, 3, 224, 224)) == 84_295_680
    assert count_params(meta_build("googlenet_torchvision", aux_logits=True)) == 13_004_888


def test_torchvision_googlenet_aux_heads_in_train_mode_only():
    net = meta_build("googlenet_torchvision", aux_logits=True, num_classes=7)
    x = torch.zeros(2, 3, 224, 224, device=META)
    logits, aux1, aux2 = net.train()(x)
    assert logits.shape == aux1.shape == aux2.shape == (2, 7)
    assert net.eval()(x).shape == (2, 7)
