"""The mobile-era zoo: MobileNets, ShuffleNets, EfficientNets, RegNets, ConvNeXts, RepVGGs.

Counts, MACs and shapes run on the meta device; twin comparisons load the library network's
(randomized) weights into ours and compare eval-mode outputs at a small input.
"""

from __future__ import annotations

import contextlib
import math

import pytest
import timm
import torch
import torchvision.models

import classic_cnn
from classic_cnn.blocks.mobile import InvertedResidual, MBConv, make_divisible
from classic_cnn.blocks.stochastic_depth import StochasticDepth
from classic_cnn.blocks.repvgg import RepVGGBlock
from classic_cnn.blocks.shuffle import ShuffleV2Unit, channel_shuffle
from classic_cnn.counting import count_macs, count_params, feature_shapes
from classic_cnn.models.efficientnet import B0_STAGES, SCALING
from classic_cnn.models.regnet import REGNETS, regnet_stages
from classic_cnn.models.shufflenet import ShuffleNetV1

MOBILE_MODELS = (
    ["mobilenet_v1", "mobilenet_v2", "mobilenet_v3_large", "mobilenet_v3_small", "shufflenet_v1_g3"]
    + [f"shufflenet_v2_x{w}" for w in ("0_5", "1_0", "1_5", "2_0")]
    + [f"efficientnet_b{i}" for i in range(8)]
    + [f"regnet_{kind}_{size}" for kind in "xy" for size in ("400mf", "800mf", "1_6gf", "3_2gf", "8gf", "16gf", "32gf")]
    + ["regnet_x_400mf_torchvision", "regnet_y_800mf_torchvision", "regnet_y_8gf_torchvision"]
    + [f"convnext_{size}" for size in ("tiny", "small", "base", "large", "xlarge")]
    + [f"repvgg_{v}" for v in ("a0", "a1", "a2", "b0", "b1", "b1g4", "b2", "b2g4", "b3", "b3g4")]
)

def _exact_figures(name: str, unit: str) -> list[int]:
    """By the registry's convention the first exact figure of a unit is the default build's; later
    ones describe an option (RepVGG's fused form)."""
    figures = [int(f.value) for f in classic_cnn.model_info(name).published if f.exact and f.unit == unit]
    assert figures, f"{name} has no exact {unit} figure"
    return figures


def _exact(name: str, unit: str) -> int:
    return _exact_figures(name, unit)[0]


def test_every_mobile_name_is_registered_once():
    registered = set(classic_cnn.list_models())
    assert len(MOBILE_MODELS) == len(set(MOBILE_MODELS)) == 49
    assert not set(MOBILE_MODELS) - registered



@contextlib.contextmanager
def _no_weight_init():
    """Make torch.nn.init's in-place initializers no-ops: the tests overwrite every tensor anyway."""
    names = [n for n in dir(torch.nn.init) if n.endswith("_") and not n.startswith("_")]
    saved = {n: getattr(torch.nn.init, n) for n in names}
    try:
        for n in names:
            setattr(torch.nn.init, n, lambda tensor, *args, **kwargs: tensor)
        yield
    finally:
        for n, fn in saved.items():
            setattr(torch.nn.init, n, fn)


def _build_twin(twin: str) -> torch.nn.Module:
    library, fn = twin.split(":")
    build = getattr(torchvision.models, fn) if library == "torchvision" else (lambda: timm.create_model(fn))
    try:
        with torch.device("meta"):  # no memory and no weight init: every tensor is overwritten below
            model = build()
    except NotImplementedError:  # the RegNets compute their widths with tensor ops meta lacks
        with _no_weight_init():
            return build()
    return model.to_empty(device="cpu")


_PERIOD = 1_000_003  # prime, so tensor shapes rarely line up with the pattern's repeats
_NORMAL = torch.randn(_PERIOD, generator=torch.Generator().manual_seed(0))
_UNIFORM = torch.rand(_PERIOD, generator=torch.Generator().manual_seed(1))


def _fill(tensor: torch.Tensor, source: torch.Tensor, offset: int, scale: float = 1.0, shift: float = 0.0) -> None:
    """Fill ``tensor`` with ``source`` read cyclically from ``offset`` on (times ``scale``, plus
    ``shift``): random-looking values at the cost of two memory passes, which fills a 350M-parameter
    twin in well under a second where drawing fresh random numbers takes many."""
    flat = tensor.view(-1)
    source = source[offset % (_PERIOD // 2):]  # a tensor larger than this repeats it: periods differ too
    period = source.numel()
    whole = flat.numel() // period * period
    flat[:whole].view(-1, period).copy_(source.expand(whole // period, period))
    flat[whole:].copy_(source[:flat.numel() - whole])
    if scale != 1.0:
        flat.mul_(scale)
    if shift:
        flat.add_(shift)


def _randomize(model: torch.nn.Module, seed: int = 0) -> None:
    """Weights on the scale of a trained network (fan-in variance, BN statistics away from 0/1,
    layer scales of order 1) so that every branch moves the output."""
    offset = 7919 * seed
    with torch.no_grad():
        for name, tensor in model.state_dict().items():
            if not tensor.is_floating_point():
                continue
            offset += 104_729  # a different stretch of the pattern for every tensor
            scale_like = name.endswith(("running_var", "layer_scale", "gamma"))
            if scale_like or (tensor.dim() == 1 and name.endswith("weight")):  # BN/LN γ, variances
                _fill(tensor, _UNIFORM, offset, shift=0.5)
            elif tensor.dim() == 1:  # biases, running means
                _fill(tensor, _NORMAL, offset, scale=0.1)
            else:
                _fill(tensor, _NORMAL, offset, scale=1 / math.sqrt(math.prod(tensor.shape[1:])))



# --- RepVGG: training and fused forms ---------------------------------------------------------

@pytest.mark.parametrize("in_channels,out_channels,stride,groups", [
    (8, 8, 1, 1),  # all three branches
    (8, 16, 2, 1),  # no identity
    (16, 16, 1, 4),  # grouped, with identity: its kernel sits in each channel's own group
])
def test_repvgg_block_reparameterize_keeps_outputs(in_channels, out_channels, stride, groups):
    block = RepVGGBlock(in_channels, out_channels, stride, groups)
    _randomize(block, seed=in_channels + stride + groups)
    block.eval()
    x = torch.randn(2, in_channels, 9, 9)
    with torch.no_grad():
        before = block(x)
        block.reparameterize()
        after = block(x)
    assert block.fused and [n for n, _ in block.named_children()] == ["act", "reparam_conv"]
    torch.testing.assert_close(after, before, rtol=1e-5, atol=1e-5)


def test_repvgg_network_reparameterizes_like_timm():
    """Our fused network equals timm's fused network from the same training weights, and the
    deploy build has the fused form's keys and the paper's parameter count."""
    twin = _build_twin("timm:repvgg_b1g4")
    _randomize(twin)
    with torch.device("meta"):
        ours = classic_cnn.create("repvgg_b1g4")
    ours.load_state_dict(twin.state_dict(), assign=True)
    x = torch.randn(1, 3, 32, 32)
    with torch.no_grad():
        trained = ours.eval()(x)
        ours.reparameterize()
        twin = timm.utils.reparameterize_model(twin)
        # folding reorders the float arithmetic of 22 layers: agreement to 1e-4 of the output's scale
        tolerance = 1e-4 * float(trained.abs().max())
        torch.testing.assert_close(ours(x), trained, rtol=1e-4, atol=tolerance)
        torch.testing.assert_close(ours(x), twin.eval()(x), rtol=1e-4, atol=tolerance)
    assert ours.state_dict().keys() == twin.state_dict().keys()
    with torch.device("meta"):
        deploy = classic_cnn.create("repvgg_b1g4", deploy=True)
    assert deploy.state_dict().keys() == ours.state_dict().keys()
    assert count_params(deploy) == count_params(ours) == 36_125_416


@pytest.mark.parametrize("variant", [name.removeprefix("repvgg_") for name in MOBILE_MODELS if "repvgg" in name])
def test_repvgg_fused_counts_match_the_paper_table(variant):
    """The fused build reproduces timm's fused counts; Table 4 prints them in millions with two
    decimals, truncated."""
    name = f"repvgg_{variant}"
    with torch.device("meta"):
        deploy = classic_cnn.create(name, deploy=True)
    assert count_params(deploy) == _exact_figures(name, "params")[1]
    assert count_macs(deploy, (1, 3, 224, 224)) == _exact_figures(name, "MACs")[1]
    paper = [f for f in classic_cnn.model_info(name).published if f.source.startswith("Ding")]
    assert 0 <= count_params(deploy) - paper[0].value < 10_000


# --- RegNet: the paper's rounding and torchvision's -------------------------------------------

def test_regnet_roundings_differ_exactly_where_the_libraries_do():
    differing = {name: ([s.width for s in regnet_stages(e.params, "paper")],
                        [s.width for s in regnet_stages(e.params, "torchvision")])
                 for name, e in REGNETS.items()
                 if regnet_stages(e.params, "paper") != regnet_stages(e.params, "torchvision")}
    assert differing == {
        "regnet_x_400mf": ([32, 64, 160, 384], [32, 64, 160, 400]),
        "regnet_y_800mf": ([64, 128, 320, 768], [64, 144, 320, 784]),
        "regnet_y_8gf": ([168, 448, 896, 2016], [224, 448, 896, 2016]),
    }
    assert {n for n, e in REGNETS.items() if e.torchvision} == set(differing)


def test_regnet_stage_depths_follow_the_linear_rule():
    assert [s.depth for s in regnet_stages(REGNETS["regnet_x_400mf"].params)] == [1, 2, 7, 12]
    assert [s.depth for s in regnet_stages(REGNETS["regnet_y_32gf"].params)] == [2, 5, 12, 1]


# --- EfficientNet: compound scaling -----------------------------------------------------------

def test_efficientnet_resolutions_and_depths_follow_compound_scaling():
    assert [classic_cnn.model_info(f"efficientnet_b{i}").canonical_input[1] for i in range(8)] == \
        [224, 240, 260, 300, 380, 456, 528, 600]
    b7 = classic_cnn.create("efficientnet_b7")
    stages = list(b7.features)[1:-1]
    assert [len(stage) for stage in stages] == [math.ceil(s.repeats * SCALING["b7"].depth) for s in B0_STAGES] \
        == [4, 7, 7, 10, 10, 13, 4]
    assert stages[-1][-1].block[-1][0].out_channels == make_divisible(320 * 2.0) == 640


# --- ShuffleNet --------------------------------------------------------------------------------

def test_channel_shuffle_interleaves_the_groups():
    x = torch.arange(6.0).view(1, 6, 1, 1)
    # groups {0,1} {2,3} {4,5}: the output takes one channel of each group in turn
    assert channel_shuffle(x, 3).flatten().tolist() == [0, 2, 4, 1, 3, 5]
    # shuffling g groups of n is undone by shuffling n groups of g
    assert channel_shuffle(channel_shuffle(x, 3), 2).flatten().tolist() == list(range(6))


@pytest.mark.parametrize("groups,params,paper_mflops", [
    (1, 1_530_936, 143), (2, 1_732_848, 140), (3, 1_864_728, 137), (4, 1_967_344, 133), (8, 2_433_768, 137)])
def test_shufflenet_v1_group_ablation_matches_table_2(groups, params, paper_mflops):
    with torch.device("meta"):
        model = ShuffleNetV1(groups)
    assert count_params(model) == params
    assert abs(count_macs(model, (1, 3, 224, 224)) / 1e6 - paper_mflops) / paper_mflops < 0.02


def test_shufflenet_v2_unit_keeps_half_the_channels_untouched():
    unit = ShuffleV2Unit(16, 16, 1).eval()
    x = torch.randn(1, 16, 5, 5)
    with torch.no_grad():
        out = unit(x)
    assert torch.equal(out[:, 0::2], x[:, :8])  # the kept half lands on the even channels after the shuffle


# --- MobileNet blocks --------------------------------------------------------------------------

def test_inverted_residual_adds_the_identity_only_when_the_shape_is_kept():
    assert InvertedResidual(16, 16, 1, 6).use_residual
    assert not InvertedResidual(16, 24, 1, 6).use_residual and not InvertedResidual(16, 16, 2, 6).use_residual
    assert MBConv(16, 16, 3, 1, 64).use_residual and not MBConv(16, 16, 3, 2, 64).use_residual


def test_stochastic_depth_drops_whole_samples_in_training_only():
    drop = StochasticDepth(0.5)
    x = torch.ones(64, 3, 2, 2)
    assert torch.equal(drop.eval()(x), x)
    out = drop.train()(x)
    per_sample = out.flatten(1)
    assert set(per_sample.unique().tolist()) <= {0.0, 2.0}
    assert torch.all(per_sample.min(1).values == per_sample.max(1).values)  # all or nothing per sample
    assert 0 < (per_sample[:, 0] == 0).sum() < 64


def test_mobilenet_paper_counts_explained():
    """v2's 3.4M is its weights without BN's affine parameters; v1's Keras count adds BN statistics."""
    with torch.device("meta"):
        v1, v2 = classic_cnn.create("mobilenet_v1"), classic_cnn.create("mobilenet_v2")

    def bn_channels(model):
        return sum(m.num_features for m in model.modules() if isinstance(m, torch.nn.BatchNorm2d))

    assert count_params(v2) - 2 * bn_channels(v2) == 3_470_760
    assert count_params(v1) + 2 * bn_channels(v1) == 4_253_864


# --- The papers' architecture tables, as feature-map shapes at 224 ---------------------------------

PAPER_TABLES = {
    # Howard et al. 2017, Table 1: stem 112²×32, then 112²×64, 56²×128, 28²×256, 14²×512, 7²×1024
    "mobilenet_v1": {"conv_stem": (32, 112), "blocks.0": (64, 112), "blocks.1": (128, 56), "blocks.2": (256, 28),
                     "blocks.3": (512, 14), "blocks.4": (1024, 7)},
    # Sandler et al. 2018, Table 2: the last layer of each bottleneck sequence, then the 1×1 conv
    "mobilenet_v2": {"features.0": (32, 112), "features.1": (16, 112), "features.3": (24, 56),
                     "features.6": (32, 28), "features.10": (64, 14), "features.13": (96, 14),
                     "features.16": (160, 7), "features.17": (320, 7), "features.18": (1280, 7)},
    # Tan & Le 2019, Table 1: stages 1-9 (the table lists each stage's input resolution)
    "efficientnet_b0": {"features.0": (32, 112), "features.1": (16, 112), "features.2": (24, 56),
                        "features.3": (40, 28), "features.4": (80, 14), "features.5": (112, 14),
                        "features.6": (192, 7), "features.7": (320, 7), "features.8": (1280, 7)},
    # Ma et al. 2018, Table 5 (1×): conv1 112², max pool 56², stages 28²/14²/7², conv5 7²×1024
    "shufflenet_v2_x1_0": {"conv1": (24, 112), "maxpool": (24, 56), "stage2": (116, 28), "stage3": (232, 14),
                           "stage4": (464, 7), "conv5": (1024, 7)},
    # Liu et al. 2022, §2: stem /4, then stages at 56², 28², 14², 7²
    "convnext_tiny": {"features.0": (96, 56), "features.1": (96, 56), "features.3": (192, 28),
                      "features.5": (384, 14), "features.7": (768, 7)},
}


@pytest.mark.parametrize("name", sorted(PAPER_TABLES))
def test_feature_maps_match_the_papers_tables(name):
    with torch.device("meta"):
        model = classic_cnn.create(name)
    shapes = feature_shapes(model, (1, 3, 224, 224), PAPER_TABLES[name])
    assert shapes == {layer: (1, c, side, side) for layer, (c, side) in PAPER_TABLES[name].items()}
