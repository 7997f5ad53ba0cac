"""Every registry entry, the same checks: this file grows with the zoo without being edited.

For each registered network: it builds on ``meta``; its parameter count is its first exact
``params`` figure (the convention of :meth:`ModelInfo.exact`: the default build reproduces it); its
MACs at the canonical input are its first exact ``MACs`` figure, where it has one; its output is
``(batch, num_classes)``; its published figures are well formed and each one that is far from every
exact figure of its unit says why. For each entry with a ``twin``, the library model is built, its
``state_dict`` loaded into ours as it is, and the two agree in eval mode on a small input.
"""

from __future__ import annotations

import importlib

import pytest
import torch
import torch.nn as nn

import classic_cnn
from classic_cnn import count_params, model_info
from classic_cnn.counting import macs_and_output
from zoo_twin import one_thread

META = torch.device("meta")
NAMES = classic_cnn.list_models()
TWINNED = [name for name in NAMES if model_info(name).twin]
UNITS = {"params", "MACs", "top1"}
# A published figure further than this from every exact figure of its unit must carry a note:
# papers round, but a 5% gap is a different convention or a different network.
ROUNDING = 0.05
# Twin comparisons run on the smallest of these square inputs that our network accepts.
SMALL_SIDES = (32, 48, 64, 96, 128, 160, 192, 224, 256, 299, 320)


@pytest.fixture(autouse=True)
def _single_threaded():
    with one_thread():
        yield


def meta_build(name: str, **kwargs) -> nn.Module:
    with META:
        return classic_cnn.create(name, **kwargs)


def test_the_issue_names_are_registered():
    # The zoo issue's list, the paper networks and the library-layout variants where they deviate.
    required = set("""lenet5 alexnet alexnet_ungrouped alexnet_torchvision zfnet vgg11 vgg11_lrn vgg13 vgg16_c vgg16
        vgg19 nin_cifar10 googlenet googlenet_torchvision bn_inception inception_v3 inception_v4 inception_resnet_v1
        inception_resnet_v2 xception resnet18 resnet34 resnet50 resnet101 resnet152 resnet110_cifar resnet1202_cifar
        preact_resnet164_cifar preact_resnet1001_cifar wrn40_4_cifar wrn16_8_cifar wrn28_10_cifar wide_resnet50_2
        resnet110_stochastic_depth_cifar resnext50_32x4d resnext101_32x4d resnext101_64x4d densenet40_k12_cifar
        densenet100_k12_cifar densenet100_k24_cifar densenet_bc100_k12_cifar densenet_bc250_k24_cifar
        densenet_bc190_k40_cifar densenet121 densenet161 densenet169 densenet201 se_resnet50 se_resnet101
        se_resnet152 se_resnext50_32x4d se_resnext101_32x4d senet154 eca_resnet50 cbam_resnet50 sknet50 resnest50
        resnest101 mobilenet_v1 mobilenet_v2 mobilenet_v3_large mobilenet_v3_small shufflenet_v1_g3
        shufflenet_v2_x0_5 shufflenet_v2_x1_0 shufflenet_v2_x1_5 shufflenet_v2_x2_0 regnet_x_400mf regnet_x_800mf
        regnet_x_1_6gf regnet_x_3_2gf regnet_x_8gf regnet_x_16gf regnet_x_32gf regnet_y_400mf regnet_y_800mf
        regnet_y_1_6gf regnet_y_3_2gf regnet_y_8gf regnet_y_16gf regnet_y_32gf convnext_tiny convnext_small
        convnext_base convnext_large convnext_xlarge repvgg_a0 repvgg_a1 repvgg_a2 repvgg_b0 repvgg_b1 repvgg_b1g4
        repvgg_b2 repvgg_b2g4 repvgg_b3 repvgg_b3g4 cspresnet50 cspresnext50 cspdarknet53""".split())
    required |= {f"efficientnet_b{i}" for i in range(8)}
    assert required <= set(NAMES), sorted(required - set(NAMES))


@pytest.mark.parametrize("name", NAMES)
def test_figures_are_well_formed(name):
    info = model_info(name)
    assert info.exact("params") is not None, f"{name}: no exact params figure (the count our build gives)"
    for figure in info.published:
        assert figure.unit in UNITS, f"{name}: unit {figure.unit!r} is none of {sorted(UNITS)}"
        assert figure.source.strip(), f"{name}: a figure of {figure.value} {figure.unit} without a source"
        assert figure.value > 0
        if figure.exact:
            assert float(figure.value).is_integer(), f"{name}: exact figure {figure.value} is not an integer"
    for figure in info.published:
        exact = [f.value for f in info.published if f.exact and f.unit == figure.unit]
        if figure.exact or not exact or figure.note:
            continue
        gap = min(abs(figure.value - value) / value for value in exact)
        assert gap <= ROUNDING, (
            f"{name}: the published {figure.value:,g} {figure.unit} ({figure.source}) is {gap:.0%} from our "
            f"exact figures {exact}; give it a note that explains the difference"
        )


@pytest.mark.parametrize("name", NAMES)
def test_params_output_shape_and_macs_on_meta(name):
    """One forward on meta per network (a 1000-layer one costs seconds of dispatch): a batch of two,
    so a flatten that merges the batch is caught, and its MACs, exactly twice a single input's."""
    info = model_info(name)
    net = meta_build(name)
    assert count_params(net) == info.exact("params").value, info.exact("params").source
    macs, output = macs_and_output(net, (2, *info.canonical_input))
    assert tuple(output.shape) == (2, info.num_classes)
    if info.exact("MACs") is not None:
        assert macs == 2 * info.exact("MACs").value, info.exact("MACs").source


# --- twins ----------------------------------------------------------------------------------------


def construct_twin(spec: str, kwargs) -> nn.Module:
    library, constructor = spec.split(":", 1)
    if library == "torchvision":
        models = importlib.import_module("torchvision.models")
        return getattr(models, constructor)(weights=None, **kwargs)
    if library == "timm":
        timm = importlib.import_module("timm")  # a test-only dependency (the dev extra)
        return timm.create_model(constructor, pretrained=False, **kwargs)
    raise ValueError(f"unknown twin library {library!r} in {spec!r}")


_PERIOD = 10_007  # prime, so the repeating pattern lines up with no layer's dimensions


def _fill(tensor: torch.Tensor, generator: torch.Generator, scale: float, offset: float = 0.0) -> None:
    """Deterministic values of the given scale, cheap at any size: a random block of prime length,
    tiled. Filling VGG's 138M weights this way costs a copy, not 138M random draws."""
    n = tensor.numel()
    if n == 0:
        return
    block = torch.randn(min(n, _PERIOD), generator=generator) * scale + offset
    # Whole periods are broadcast into a flat view, then the tail: no tiled copy of the tensor's
    # size. A library's parameter made as a view (not contiguous) is filled through a buffer, in
    # the same row-major order.
    target = tensor if tensor.is_contiguous() else torch.empty(tensor.shape, dtype=tensor.dtype)
    flat = target.view(-1)
    whole = n - n % block.numel()
    flat[:whole].view(-1, block.numel()).copy_(block)
    flat[whole:].copy_(block[: n - whole])
    if target is not tensor:
        tensor.copy_(target)


def _is_norm_statistic(name: str) -> bool:
    return name.rsplit(".", 1)[-1] in ("running_mean", "running_var", "num_batches_tracked")


def build_twin(spec: str, kwargs, generator: torch.Generator) -> nn.Module:
    """The twin in eval mode with weights drawn here rather than by the library's initialiser.

    Built on meta and materialised empty (the library's init of 100M+ weights would cost seconds),
    then filled: weights ~ N(0, 1/fan_in) so deep nets stay finite, norm layers' statistics and
    affine maps far from the identity so that eps and the affine parameters are compared too. A
    twin with any other buffer (a constant computed at construction), or one that cannot be built on
    meta, is built for real instead.
    """
    try:
        with META:
            twin = construct_twin(spec, kwargs)
    except NotImplementedError:  # a constructor that computes on tensors (torchvision's RegNet: unique)
        twin = None
    if twin is None or any(not _is_norm_statistic(name) for name, _ in twin.named_buffers()):
        torch.manual_seed(0)
        twin = construct_twin(spec, kwargs)
    else:
        twin.to_empty(device="cpu")
    with torch.no_grad():
        for module in twin.modules():
            norm = isinstance(module, nn.modules.batchnorm._NormBase) or isinstance(
                module, (nn.LayerNorm, nn.GroupNorm))
            for name, parameter in module.named_parameters(recurse=False):
                if norm or parameter.dim() == 1:  # norm affine maps and biases
                    _fill(parameter, generator, 0.1, 1.0 if norm and name == "weight" else 0.0)
                else:
                    _fill(parameter, generator, parameter[0].numel() ** -0.5)
            for name, buffer in module.named_buffers(recurse=False):
                if name == "running_mean":
                    _fill(buffer, generator, 0.1)
                elif name == "running_var":
                    buffer.copy_(torch.rand(buffer.shape, generator=generator) + 0.5)
                elif name == "num_batches_tracked":
                    buffer.zero_()
    return twin.eval()


def smallest_side(net: nn.Module, channels: int) -> int:
    for side in SMALL_SIDES:
        try:
            with torch.no_grad():
                net.eval()(torch.zeros(1, channels, side, side, device=META))
        except (RuntimeError, ValueError):
            continue
        return side
    raise AssertionError(f"no input side in {SMALL_SIDES} runs through the network")


def _shapes(state: dict) -> dict[str, tuple[int, ...]]:
    return {key: tuple(value.shape) for key, value in state.items()}


@pytest.mark.parametrize("name", TWINNED)
def test_twin_state_dict_loads_as_is_and_outputs_agree(name):
    info = model_info(name)
    generator = torch.Generator().manual_seed(0)
    twin = build_twin(info.twin, info.twin_kwargs, generator)

    ours = meta_build(name).eval()
    side = smallest_side(ours, info.canonical_input[0])
    theirs, mine = _shapes(twin.state_dict()), _shapes(ours.state_dict())
    assert mine == theirs, (
        f"{name} vs {info.twin}: missing {sorted(theirs.keys() - mine.keys())[:5]}, "
        f"unexpected {sorted(mine.keys() - theirs.keys())[:5]}, "
        f"shapes differ at {[k for k in mine.keys() & theirs.keys() if mine[k] != theirs[k]][:5]}"
    )
    ours.load_state_dict(twin.state_dict(), assign=True)  # meta tensors become the twin's
    if any(t.is_meta for t in (*ours.parameters(), *ours.buffers())):  # non-persistent buffers
        ours = classic_cnn.create(name).eval()
        ours.load_state_dict(twin.state_dict())

    x = torch.randn(2, info.canonical_input[0], side, side, generator=generator)
    # oneDNN stays on: without it, depthwise and grouped convolutions fall back to kernels 5x
    # slower (EfficientNet-B0's forward: 0.5 s with it, 5 s without).
    with torch.no_grad():
        expected, actual = twin(x), ours(x)
    scale = expected.abs().max().item()
    assert scale > 0, f"{info.twin} gives all zeros at {side}x{side}: the comparison would prove nothing"
    torch.testing.assert_close(actual, expected, rtol=1e-4, atol=1e-5 * scale,
                               msg=lambda m: f"{name} vs {info.twin} at {side}x{side}: {m}")
