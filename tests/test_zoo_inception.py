"""The Inception family of the zoo: BN-Inception, Inception v3/v4, Inception-ResNet v1/v2, Xception.

Counts and shapes are taken on the meta device; twin comparisons run on the CPU at the smallest
input each network accepts, with randomised weights and BN statistics (see ``zoo_twin``).
"""

from __future__ import annotations

import pytest
import torch
import torch.nn as nn
import torchvision

import classic_cnn
from classic_cnn.blocks import (BNInceptionModule, InceptionResNetA, InceptionResNetB, InceptionResNetC, InceptionV3Aux,
                                ReductionA, SeparableConv2d, XceptionBlock, separable_conv_params)
from classic_cnn.blocks.inception_v4 import REDUCTION_A_WIDTHS
from classic_cnn.counting import count_macs, count_params, feature_shapes
from classic_cnn.models.bn_inception import BN_INCEPTION_TABLE
from classic_cnn.models.inception_resnet import InceptionResNet
from classic_cnn.models.inception_v3 import InceptionV3
from zoo_twin import assert_same_as_twin, materialize, on_meta, one_thread


@pytest.fixture(autouse=True)
def _single_threaded():
    with one_thread():
        yield


INCEPTION_NAMES = ["bn_inception", "inception_v3", "inception_v4", "inception_resnet_v1", "inception_resnet_v2",
                   "xception"]



def test_num_classes_sets_the_classifier():
    model = on_meta(lambda: classic_cnn.create("bn_inception", num_classes=17)).eval()
    assert model(torch.zeros(2, 3, 224, 224, device="meta")).shape == (2, 17)


# --- twins ------------------------------------------------------------------------------------------


def _torchvision_inception_v3(**kwargs):
    return torchvision.models.inception_v3(weights=None, init_weights=False, **kwargs)



def test_inception_v3_aux_head_is_torchvisions():
    twin = on_meta(lambda: _torchvision_inception_v3(aux_logits=True))
    ours = on_meta(lambda: InceptionV3(aux_logits=True))
    assert {k: v.shape for k, v in ours.state_dict().items()} == {k: v.shape for k, v in twin.state_dict().items()}
    # The head alone on the 17x17x768 grid it sees at 299 (the whole network would cost seconds in train mode).
    assert_same_as_twin(on_meta(lambda: InceptionV3Aux(768, 10)),
                        materialize(on_meta(lambda: torchvision.models.inception.InceptionAux(768, 10))),
                        input_size=17, channels=768)
    x = torch.zeros(2, 3, 299, 299, device="meta")
    train_out = ours.train()(x)
    assert train_out.logits.shape == train_out.aux_logits.shape == (2, 1000)
    assert ours.eval()(x).shape == (2, 1000), "eval mode returns the logits alone"


# --- the papers' grids and tables ---------------------------------------------------------------------


def test_bn_inception_follows_fig5_filter_columns_not_its_size_column():
    model = on_meta(lambda: classic_cnn.create("bn_inception"))
    shapes = feature_shapes(model, (1, 3, 224, 224), model.inception_names)
    expected = {  # (C, H, W); 3c is stride 2 and 4c/4d/4e are wider than Fig. 5's size column prints
        "3a": (256, 28, 28), "3b": (320, 28, 28), "3c": (576, 14, 14), "4a": (576, 14, 14), "4b": (576, 14, 14),
        "4c": (608, 14, 14), "4d": (608, 14, 14), "4e": (1056, 7, 7), "5a": (1024, 7, 7), "5b": (1024, 7, 7),
    }
    assert {name.removeprefix("inception_"): shape[1:] for name, shape in shapes.items()} == expected
    for row in BN_INCEPTION_TABLE:  # each row's input is the previous row's output
        assert getattr(model, f"inception_{row.name}").in_channels == row.in_channels


def test_bn_inception_separable_stem_is_tf_slims():
    plain = on_meta(lambda: classic_cnn.create("bn_inception"))
    separable = on_meta(lambda: classic_cnn.create("bn_inception", stem="separable"))
    # 7x7x3x64 dense weights against 7x7x3x8 depthwise + 24x64 pointwise
    assert count_params(plain) - count_params(separable) == 7 * 7 * 3 * 64 - (7 * 7 * 3 * 8 + 24 * 64)
    assert [f.value for f in classic_cnn.published("bn_inception") if f.exact][2:] == [
        count_params(separable), count_macs(separable, (1, 3, 224, 224))]
    assert separable.conv1.conv.conv1.groups == 3 and separable.conv1.conv.pointwise.in_channels == 24
    with pytest.raises(ValueError, match="stem"):
        classic_cnn.create("bn_inception", stem="stacked")


def test_bn_inception_module_rejects_impossible_rows():
    with pytest.raises(ValueError, match="six numbers"):
        BNInceptionModule(192, [64, 64, 64, 64, 96])
    with pytest.raises(ValueError, match="stride-2 module"):
        BNInceptionModule(320, [64, 128, 160, 64, 96, 0], pool="max", stride=2)
    with pytest.raises(ValueError, match="pool must be"):
        BNInceptionModule(192, [64, 64, 64, 64, 96, 32], pool="min")


@pytest.mark.parametrize("name, probes", [
    ("inception_v3", {"maxpool2": (192, 35, 35), "Mixed_5d": (288, 35, 35), "Mixed_6e": (768, 17, 17),
                      "Mixed_7c": (2048, 8, 8)}),
    ("inception_v4", {"features.5": (384, 35, 35), "features.10": (1024, 17, 17), "features.18": (1536, 8, 8),
                      "features.21": (1536, 8, 8)}),
    ("inception_resnet_v1", {"conv2d_4b": (256, 35, 35), "mixed_6a": (896, 17, 17), "mixed_7a": (1792, 8, 8)}),
    ("inception_resnet_v2", {"mixed_5b": (320, 35, 35), "mixed_6a": (1088, 17, 17), "mixed_7a": (2080, 8, 8),
                             "conv2d_7b": (1536, 8, 8)}),
    ("xception", {"block3": (728, 19, 19), "block11": (728, 19, 19), "block12": (1024, 10, 10),
                  "conv4": (2048, 10, 10)}),
])
def test_grid_sizes_at_299(name, probes):
    model = on_meta(lambda: classic_cnn.create(name))
    shapes = feature_shapes(model, (1, 3, 299, 299), probes)
    assert {key: shape[1:] for key, shape in shapes.items()} == probes


@pytest.mark.parametrize("network, in_channels, out_channels", [
    ("inception_v4", 384, 1024), ("inception_resnet_v1", 256, 896), ("inception_resnet_v2", 320, 1088),
])
def test_reduction_a_widths_of_table1(network, in_channels, out_channels):
    block = ReductionA(in_channels, *REDUCTION_A_WIDTHS[network])
    assert block.out_channels == out_channels
    x = torch.zeros(1, in_channels, 35, 35, device="meta")
    assert on_meta(lambda: ReductionA(in_channels, *REDUCTION_A_WIDTHS[network]))(x).shape == (1, out_channels, 17, 17)


@pytest.mark.parametrize("block_cls, channels", [(InceptionResNetA, 320), (InceptionResNetB, 1088),
                                                 (InceptionResNetC, 2080)])
def test_inception_resnet_modules_add_the_scaled_projection_to_their_input(block_cls, channels):
    torch.manual_seed(0)
    block = block_cls(channels, scale=0.25).eval()
    x = torch.randn(1, channels, 5, 5)
    with torch.no_grad():
        block.conv2d.weight.zero_()
        block.conv2d.bias.copy_(torch.linspace(-1, 1, channels))
        expected = torch.relu(x + 0.25 * block.conv2d.bias.view(1, -1, 1, 1))
        torch.testing.assert_close(block(x), expected)
        linear = block_cls(channels, scale=1.0, activate=False).eval()
        linear.load_state_dict(block.state_dict())
        torch.testing.assert_close(linear(x), x + block.conv2d.bias.view(1, -1, 1, 1))


def test_inception_resnet_v2_is_the_released_layout_not_fig15():
    v2 = on_meta(lambda: classic_cnn.create("inception_resnet_v2"))
    assert (len(v2.repeat), len(v2.repeat_1), len(v2.repeat_2) + 1) == (10, 20, 10)
    assert v2.block8.scale == 1.0 and isinstance(v2.block8.act, nn.Identity)
    v1 = on_meta(lambda: classic_cnn.create("inception_resnet_v1"))
    assert (len(v1.repeat), len(v1.repeat_1), len(v1.repeat_2)) == (5, 10, 5)
    with pytest.raises(ValueError, match="version"):
        InceptionResNet(version=3)


# --- depthwise-separable conv and Xception's block ---------------------------------------------------


@pytest.mark.parametrize("cin, cout, k, bias", [(32, 64, 3, False), (728, 728, 3, False), (96, 24, 5, True),
                                                (3, 5, 1, True)])
def test_separable_conv_params_and_macs(cin, cout, k, bias):
    conv = SeparableConv2d(cin, cout, k, padding=k // 2, bias=bias)
    assert count_params(conv) == separable_conv_params(cin, cout, k, bias)
    multiplied = SeparableConv2d(cin, cout, k, padding=k // 2, bias=bias, depth_multiplier=3)
    assert count_params(multiplied) == separable_conv_params(cin, cout, k, bias, depth_multiplier=3)
    dense = nn.Conv2d(cin, cout, k, padding=k // 2, bias=False)
    # The saving the paper is about: depthwise + pointwise cost 1/C_out + 1/k^2 of a dense k x k conv.
    ratio = count_macs(conv, (1, cin, 9, 9)) / count_macs(dense, (1, cin, 9, 9))
    assert ratio == pytest.approx(1 / cout + 1 / k**2)


def test_xception_block_shortcuts_and_widening():
    middle = XceptionBlock(728, 728, 3)
    assert middle.skip is None and sum(isinstance(m, SeparableConv2d) for m in middle.rep) == 3
    exit_block = XceptionBlock(728, 1024, 2, stride=2, grow_first=False)
    widths = [m.out_channels for m in exit_block.rep if isinstance(m, SeparableConv2d)]
    assert widths == [728, 1024] and exit_block.skip.stride == (2, 2)
    entry = XceptionBlock(64, 128, 2, stride=2, start_with_relu=False)
    assert isinstance(entry.rep[0], SeparableConv2d)
    x = torch.randn(1, 64, 15, 15)
    assert entry.eval()(x).shape == (1, 128, 8, 8)
    with torch.no_grad():  # the identity shortcut really is one: a zeroed residual branch returns the input
        for bn in (m for m in middle.rep if isinstance(m, nn.BatchNorm2d)):
            bn.weight.zero_()
            bn.bias.zero_()
        y = torch.randn(1, 728, 4, 4)
        torch.testing.assert_close(middle.eval()(y), y)
