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


# The registered twins are compared by test_zoo_registry; these two are composed from timm parts.
TWINS = sorted(COMPOSED_TWINS)


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
    # 32×32 is the smallest input every stage still downsamples (1×1 at the last): fast on 2 cores.
    x = torch.randn(1, 3, 32, 32, generator=torch.Generator().manual_seed(1))
    with torch.no_grad():
        expected, got = library(x), ours(x)
    assert expected.abs().max() > 1e-3  # a live network, not one whose branches were zeroed
    torch.testing.assert_close(got, expected, rtol=1e-4, atol=1e-4 * float(expected.abs().max()))


# --- Paper facts and options ---------------------------------------------------------------------

@pytest.mark.parametrize("name, paper_macs", [("resnet50", 3.8e9), ("resnet101", 7.6e9), ("resnet152", 11.3e9)])
def test_stride_on_first_1x1_gives_the_2015_papers_macs(name, paper_macs):
    """Same parameters either way; the paper's placement (stride on the first 1×1) reproduces its
    Table 1 figure, torchvision's (on the 3×3) costs 5–7% more."""
    v15, v1 = _on_meta(name), _on_meta(name, stride_on="1x1")
    assert count_params(v1) == count_params(v15)
    macs_v1 = count_macs(v1, (1, 3, 224, 224))
    assert macs_v1 == _exact(name, "MACs", "stride_on='1x1'")
    assert abs(macs_v1 - paper_macs) / paper_macs < 0.02
    assert abs(macs_v1 - paper_macs) < abs(_exact(name, "MACs") - paper_macs)


def test_resnext_paper_places_the_stride_on_the_3x3():
    assert abs(_exact("resnext50_32x4d", "MACs") - 4.2e9) / 4.2e9 < 0.01
    assert count_macs(_on_meta("resnext50_32x4d", stride_on="1x1"), (1, 3, 224, 224)) == 3_768_057_856


@pytest.mark.parametrize("depth, params", [(20, 269_722), (32, 464_154), (44, 658_586), (56, 853_018)])
def test_cifar_resnets_of_table_6(depth, params):
    with torch.device("meta"):
        assert count_params(CifarResNet(depth)) == params


def test_zero_pad_shortcut_subsamples_and_pads_with_zeros():
    x = torch.randn(2, 16, 8, 8)
    y = ZeroPadShortcut(16, 32, 2)(x)
    assert y.shape == (2, 32, 4, 4)
    assert torch.equal(y[:, 8:24], x[:, :, ::2, ::2])
    assert not y[:, :8].any() and not y[:, 24:].any()
    with torch.device("meta"):  # option B adds the projections' parameters
        assert count_params(CifarResNet(110, shortcut="B")) > count_params(CifarResNet(110))


def test_preact_and_wide_cifar_100_heads_and_bn_free_count():
    with torch.device("meta"):
        assert count_params(PreActResNetCifar(164, num_classes=100)) == 1_726_388
        assert count_params(PreActResNetCifar(1001, num_classes=100)) == 10_350_836
        assert count_params(WideResNet(28, 10, num_classes=100)) == 36_536_884
        net = PreActResNetCifar(1001)
    bn_params = sum(count_params(m) for m in net.modules() if isinstance(m, nn.BatchNorm2d))
    assert count_params(net) - bn_params == 10_178_490  # the paper's 10.2M counts weights only


def test_survival_schedule():
    linear = survival_probabilities(54, 0.5)
    assert linear[-1] == 0.5 and linear[0] == pytest.approx(1 - 0.5 / 54)
    assert sum(linear) == pytest.approx((3 * 54 - 1) / 4)  # 40.25 expected active blocks
    assert survival_probabilities(54, 0.5, "uniform") == [0.5] * 54
    with pytest.raises(ValueError):
        survival_probabilities(54, 0.0)
    gates = [m for m in classic_cnn.create("resnet110_stochastic_depth_cifar").modules() if isinstance(m, SurvivalGate)]
    assert [g.survival for g in gates] == linear


def test_survival_gate_keeps_with_its_probability_and_scales_at_test_time():
    gate, branch = SurvivalGate(0.75), torch.ones(3)
    torch.manual_seed(0)
    kept = sum(bool(gate.train()(branch).any()) for _ in range(2000))
    assert abs(kept / 2000 - 0.75) < 0.04  # 4 standard deviations of the binomial
    assert torch.equal(gate.eval()(branch), branch * 0.75)


def test_stochastic_depth_with_certain_survival_is_the_plain_network():
    torch.manual_seed(0)
    plain = CifarResNet(20).eval()
    gated = CifarResNet(20, survival_last=1.0).eval()
    gated.load_state_dict(plain.state_dict())
    x = torch.randn(2, 3, 32, 32)
    with torch.no_grad():
        assert torch.equal(plain(x), gated(x))


def test_attention_block_arithmetic():
    assert [eca_kernel_size(c) for c in (256, 512, 1024, 2048)] == [5, 5, 5, 7]
    for bias in (True, False):
        assert count_params(CBAM(256, mlp_bias=bias)) == cbam_params(256, mlp_bias=bias)
    assert count_params(_on_meta("cbam_resnet50", mlp_bias=False)) == _exact("cbam_resnet50", "params", "mlp_bias=False")
    assert [sk_attention_width(c) for c in (128, 256, 512, 1024)] == [32, 32, 32, 64]


def test_selective_kernel_and_split_attention_weights_sum_to_one():
    torch.manual_seed(0)
    sk = SelectiveKernel(64, 64, groups=32).eval()
    paths = torch.randn(2, 2, 64, 4, 4)
    assert torch.allclose(sk.attn(paths).sum(1), torch.ones(2, 64, 1, 1))
    split = SplitAttention(64, 64, radix=2, groups=2)
    weights = split._split_weights(torch.randn(2, 128, 1, 1))
    assert weights.shape == (2, 2, 64, 1, 1)
    assert torch.allclose(weights.sum(1), torch.ones(2, 64, 1, 1))


@pytest.mark.parametrize("name, bflops", [("cspresnet50", 8.97e9), ("cspresnext50", 7.93e9), ("cspdarknet53", 13.07e9)])
def test_csp_darknet_bflops_are_twice_the_macs_at_256(name, bflops):
    macs = count_macs(_on_meta(name), (1, 3, 256, 256))
    assert abs(2 * macs - bflops) / bflops < 0.015
