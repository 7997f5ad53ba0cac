"""The DenseNets of the zoo: the CIFAR networks of Table 2 and DenseNet-BC-121/161/169/201 of Table 1."""

from __future__ import annotations

import pytest
import torch

import classic_cnn
from classic_cnn.blocks import DenseBlock, DenseLayer, Transition, dense_layer_params, transition_channels
from classic_cnn.counting import count_params, feature_shapes
from classic_cnn.models.densenet import densenet_cifar
from zoo_twin import on_meta, one_thread


@pytest.fixture(autouse=True)
def _single_threaded():
    with one_thread():
        yield


CIFAR_NAMES = ["densenet40_k12_cifar", "densenet100_k12_cifar", "densenet100_k24_cifar", "densenet_bc100_k12_cifar",
               "densenet_bc250_k24_cifar", "densenet_bc190_k40_cifar"]
IMAGENET_NAMES = ["densenet121", "densenet161", "densenet169", "densenet201"]



@pytest.mark.parametrize("name, depth, k, bc, layers_per_block, stem", [
    ("densenet40_k12_cifar", 40, 12, False, 12, 16), ("densenet100_k24_cifar", 100, 24, False, 32, 16),
    ("densenet_bc100_k12_cifar", 100, 12, True, 16, 24), ("densenet_bc190_k40_cifar", 190, 40, True, 31, 80),
])
def test_cifar_layout_of_table2(name, depth, k, bc, layers_per_block, stem):
    model = on_meta(lambda: classic_cnn.create(name))
    blocks = [model.features.get_submodule(f"denseblock{i}") for i in (1, 2, 3)]
    assert [len(block) for block in blocks] == [layers_per_block] * 3
    assert model.features.conv0.out_channels == stem and model.features.conv0.kernel_size == (3, 3)
    assert all(layer.bottleneck == (4 if bc else None) for block in blocks for layer in block.values())
    for index in (1, 2):  # compression: BC halves the channels at each transition, plain DenseNet keeps them
        transition = model.features.get_submodule(f"transition{index}")
        assert transition.out_channels == (transition.in_channels // 2 if bc else transition.in_channels)
    shapes = feature_shapes(model, (1, 3, 32, 32), ["features.denseblock1", "features.denseblock2",
                                                    "features.denseblock3"])
    assert [shape[2:] for shape in shapes.values()] == [(32, 32), (16, 16), (8, 8)]


@pytest.mark.parametrize("depth, bc", [(41, False), (102, True), (2, False)])
def test_cifar_depth_must_fit_three_equal_blocks(depth, bc):
    with pytest.raises(ValueError, match="depth"):
        densenet_cifar(depth, 12, bc)


def test_imagenet_grids_and_widths_of_table1():
    model = on_meta(lambda: classic_cnn.create("densenet121"))
    names = ["features.pool0", "features.denseblock1", "features.transition1", "features.denseblock2",
             "features.transition2", "features.denseblock3", "features.transition3", "features.denseblock4"]
    shapes = feature_shapes(model, (1, 3, 224, 224), names)
    assert [shapes[n][1:] for n in names] == [(64, 56, 56), (256, 56, 56), (128, 28, 28), (512, 28, 28),
                                             (256, 14, 14), (1024, 14, 14), (512, 7, 7), (1024, 7, 7)]


@pytest.mark.parametrize("cin, k, bottleneck", [(24, 12, 4), (24, 12, None), (64, 32, 4), (512, 32, 4),
                                                (512, 32, None), (7, 3, 2)])
def test_dense_layer_params_formula(cin, k, bottleneck):
    assert count_params(DenseLayer(cin, k, bottleneck)) == dense_layer_params(cin, k, bottleneck)


def test_dense_block_concatenates_its_input_and_every_layer():
    torch.manual_seed(0)
    block = DenseBlock(3, in_channels=5, growth_rate=4, bottleneck=None).eval()
    x = torch.randn(1, 5, 6, 6)
    out = block(x)
    assert out.shape == (1, 5 + 3 * 4, 6, 6) == (1, block.out_channels, 6, 6)
    torch.testing.assert_close(out[:, :5], x)  # the input passes through untouched
    first = block["denselayer1"](x)
    torch.testing.assert_close(out[:, 5:9], first)
    torch.testing.assert_close(out[:, 9:13], block["denselayer2"](torch.cat([x, first], 1)))


def test_transition_compresses_and_halves_the_grid():
    assert transition_channels(256, 0.5) == 128 and transition_channels(455, 0.5) == 227
    assert transition_channels(100, 1.0) == 100
    with pytest.raises(ValueError, match="compression"):
        transition_channels(100, 0.0)
    assert Transition(256, 128)(torch.randn(1, 256, 8, 8)).shape == (1, 128, 4, 4)
