"""The zoo's residual family: ResNets, CIFAR ResNets, pre-activation, Wide ResNets, stochastic depth,
ResNeXt, SE/ECA/CBAM/SK/ResNeSt and the CSP networks.

Counts run on the meta device (shapes only). Twin comparisons build both networks on meta, give
the twin random weights and BN statistics, load them into ours and compare eval-mode outputs at
a small input: the same state_dict keys and shapes, the same function.
"""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn as nn

import classic_cnn
from classic_cnn.blocks.attention import eca_kernel_size
from classic_cnn.blocks.cbam import CBAM, cbam_params
from classic_cnn.blocks.residual import ZeroPadShortcut
from classic_cnn.blocks.selective_kernel import SelectiveKernel, sk_attention_width
from classic_cnn.blocks.split_attention import SplitAttention
from classic_cnn.blocks.stochastic_depth import SurvivalGate, survival_probabilities
from classic_cnn.counting import count_macs, count_params
from classic_cnn.models.resnet_cifar import CifarResNet, PreActResNetCifar, WideResNet
from classic_cnn.registry import model_info

RESNET_FAMILY = """resnet18 resnet34 resnet50 resnet101 resnet152 resnet110_cifar resnet1202_cifar
preact_resnet164_cifar preact_resnet1001_cifar wrn40_4_cifar wrn16_8_cifar wrn28_10_cifar wide_resnet50_2
resnet110_stochastic_depth_cifar resnext50_32x4d resnext101_32x4d resnext101_64x4d se_resnet50 se_resnet101
se_resnet152 se_resnext50_32x4d se_resnext101_32x4d senet154 eca_resnet50 cbam_resnet50 sknet50 resnest50
resnest101 cspresnet50 cspresnext50 cspdarknet53""".split()

CIFAR = {name for name in RESNET_FAMILY if name.endswith("_cifar")}

# timm registers no model for these two papers' networks; its ResNet-50 with the attention
# layer swapped in is the same architecture (CBAM: timm's MLP has no biases).
COMPOSED_TWINS = {
    "eca_resnet50": ("timm:resnet50", {"block_args": {"attn_layer": "eca"}}, {}),
    "cbam_resnet50": ("timm:resnet50", {"block_args": {"attn_layer": "cbam"}}, {"mlp_bias": False}),
}


def _on_meta(name: str, **kwargs) -> nn.Module:
    with torch.device("meta"):
        return classic_cnn.create(name, **kwargs)


def _exact(name: str, unit: str, note: str = "") -> float:
    """The entry's exact figure in ``unit``: the first one (the default build's) or the one whose
    note starts with ``note`` (an option's)."""
    for figure in model_info(name).published:
        if figure.exact and figure.unit == unit and (figure.note.startswith(note) if note else True):
            return figure.value
    raise AssertionError(f"{name} has no exact {unit} figure {note!r}")


def test_every_name_is_registered():
    missing = set(RESNET_FAMILY) - set(classic_cnn.list_models())
    assert not missing


@pytest.mark.parametrize("name", RESNET_FAMILY)
def test_counts_and_output_shape(name):
    info = model_info(name)
    model = _on_meta(name)
    assert count_params(model) == _exact(name, "params")
    shape = (1, *info.canonical_input)
    assert count_macs(model, shape) == _exact(name, "MACs")
    with torch.no_grad():
        out = model.eval()(torch.zeros(shape, device="meta"))
    assert tuple(out.shape) == (1, 10 if name in CIFAR else 1000)


@pytest.mark.parametrize("name", RESNET_FAMILY)
def test_published_figures_carry_a_source_and_inexact_ones_are_near_or_explained(name):
    """Every rounded published figure lies within 3% of our count, or says why it does not."""
    ours = {"params": _exact(name, "params"), "MACs": _exact(name, "MACs")}
    for figure in model_info(name).published:
        assert figure.source
        if not figure.exact:
            off = abs(figure.value - ours[figure.unit]) / ours[figure.unit]
            assert off < 0.03 or figure.note, f"{name}: {figure} is {off:.1%} from {ours[figure.unit]:,}"


# --- Twins -------------------------------------------------------------------------------------

def _library_model(twin: str, kwargs: dict) -> nn.Module:
    library, constructor = twin.split(":")
    if library == "torchvision":
        import torchvision

        return getattr(torchvision.models, constructor)(weights=None, **kwargs)
    timm = pytest.importorskip("timm", reason="timm is a test dependency: pip install -e '.[test]'")
    return timm.create_model(constructor, pretrained=False, **kwargs)


def _randomize(model: nn.Module, seed: int = 0) -> None:
    """Scale-preserving random weights and BN statistics (the libraries' inits zero some BN
    gammas and leave the statistics at 0/1, which would hide a misplaced branch)."""
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for key, tensor in model.state_dict().items():
            if not tensor.is_floating_point():
                tensor.fill_(0)
            elif key.endswith(("running_var", "bn.weight")) or (key.endswith("weight") and tensor.dim() == 1):
                tensor.copy_(0.5 + torch.rand(tensor.shape, generator=generator))
            elif tensor.dim() > 1:
                fan_in = math.prod(tensor.shape[1:])
                tensor.copy_(torch.randn(tensor.shape, generator=generator) / math.sqrt(fan_in))
            else:
                tensor.copy_(0.1 * torch.randn(tensor.shape, generator=generator))


def _materialize(model: nn.Module) -> nn.Module:
    return model.to_empty(device="cpu").eval()


TWINS = sorted({name for name in RESNET_FAMILY if model_info(name).twin} | set(COMPOSED_TWINS))


@pytest.mark.parametrize("name", TWINS)
def test_twin_state_dict_and_outputs(name):
    twin, twin_kwargs, our_kwargs = COMPOSED_TWINS.get(name, (model_info(name).twin, {}, {}))
    with torch.device("meta"):
        library = _library_model(twin, twin_kwargs)
        ours = classic_cnn.create(name, **our_kwargs)
    library, ours = _materialize(library), _materialize(ours)
    _randomize(library)
    theirs = library.state_dict()
    assert {k: tuple(v.shape) for k, v in ours.state_dict().items()} == {k: tuple(v.shape) for k, v in theirs.items()}
    ours.load_state_dict(theirs)
    # 64×64 leaves a 2×2 map at the last stage, so its padding and strides are exercised too.
    x = torch.randn(1, 3, 64, 64, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        expected, got = library(x), ours(x)
    assert expected.abs().max() > 1e-3  # a live network, not one whose branches were zeroed
    torch.testing.assert_close(got, expected, rtol=1e-4, atol=1e-4 * float(expected.abs().max()))
