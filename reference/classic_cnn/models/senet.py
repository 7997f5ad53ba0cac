"""Attention-augmented ResNets on the shared :class:`~classic_cnn.models.resnet.ResNet`: SE (Hu et
al. 2018), ECA (Wang et al. 2020), CBAM (Woo et al. 2018), selective kernels (SKNet, Li et al.
2019) and split attention (ResNeSt, Zhang et al. 2020).

None is in torchvision; timm builds each on its ResNet with the parameter names torchvision uses,
so each of ours loads its timm twin's ``state_dict`` as it is. SE, ECA and CBAM sit in every
bottleneck after its last BN (the attribute timm calls ``se``); SK and split attention replace the
bottleneck's 3×3 conv.
"""

from __future__ import annotations

from functools import partial

from ..blocks.attention import ECAModule, SEModule, eca_kernel_size
from ..blocks.cbam import CBAM
from ..blocks.selective_kernel import SelectiveKernelBottleneck
from ..blocks.split_attention import SplitAttentionBottleneck
from ..registry import Figure, register_model
from .resnet import RESNET_LAYERS, ResNet

__all__ = ["se_resnet", "se_resnext", "senet154", "eca_resnet50", "cbam_resnet50", "sknet50", "resnest"]

_HU = "Hu et al. 2018 (SENet), Table 2"
_SE_STRIDE_NOTE = ("the SENet release puts each stage's stride on the first 1×1 conv (timm "
                   "legacy_seresnet*); ours and timm's seresnet* on the 3×3: {macs:,} MACs, "
                   "stride_on='1x1' gives {v1:,}")


def _se(channels: int):
    return SEModule(channels, reduction=16)


def _exact(params: int, macs: int, library: str) -> tuple[Figure, Figure]:
    return (Figure(params, "params", library, exact=True), Figure(macs, "MACs", f"{library}, at 224", exact=True))


def _stride_on_1x1(macs: int, library: str) -> Figure:
    return Figure(macs, "MACs", f"{library}, at 224", exact=True, note="stride_on='1x1', the SENet release's placement")


def se_resnet(depth: int, num_classes: int = 1000, **kwargs) -> ResNet:
    """SE-ResNet-50/101/152: every bottleneck of ResNet-``depth`` with SE (r = 16) before the addition."""
    return ResNet("bottleneck", RESNET_LAYERS[depth], num_classes, attention=_se, **kwargs)


def se_resnext(depth: int, num_classes: int = 1000, **kwargs) -> ResNet:
    """SE-ResNeXt-50/101 (32×4d)."""
    return ResNet("bottleneck", RESNET_LAYERS[depth], num_classes, groups=32, width_per_group=4,
                  attention=_se, **kwargs)


@register_model("se_resnet50", family="SENet", twin="timm:seresnet50", published=(
    *_exact(28_088_024, 4_091_699_200, "timm seresnet50"),
    _stride_on_1x1(3_860_488_192, "timm legacy_seresnet50"),
    Figure(3.87e9, "MACs", _HU, exact=False, note=_SE_STRIDE_NOTE.format(macs=4_091_699_200, v1=3_860_488_192)),
    Figure(28.1e6, "params", "Hu et al. 2018: ResNet-50 + ~2.5M for SE (r = 16)", exact=False,
           note="25,557,032 + 2,530,992 SE parameters (biases included)"),
))
def se_resnet50(**kwargs) -> ResNet:
    return se_resnet(50, **kwargs)


@register_model("se_resnet101", family="SENet", twin="timm:seresnet101", published=(
    *_exact(49_326_872, 7_806_148_608, "timm seresnet101"),
    _stride_on_1x1(7_574_937_600, "timm legacy_seresnet101"),
    Figure(7.6e9, "MACs", _HU, exact=False, note=_SE_STRIDE_NOTE.format(macs=7_806_148_608, v1=7_574_937_600)),
))
def se_resnet101(**kwargs) -> ResNet:
    return se_resnet(101, **kwargs)


@register_model("se_resnet152", family="SENet", twin="timm:seresnet152", published=(
    *_exact(66_821_848, 11_520_204_800, "timm seresnet152"),
    _stride_on_1x1(11_288_993_792, "timm legacy_seresnet152"),
    Figure(11.32e9, "MACs", _HU, exact=False, note=_SE_STRIDE_NOTE.format(macs=11_520_204_800, v1=11_288_993_792)),
))
def se_resnet152(**kwargs) -> ResNet:
    return se_resnet(152, **kwargs)


# A published MAC count a little above ours that no convention we know of explains.
_UNSTATED_COUNT = ("{gap} above ours: the paper does not say which operations its count includes; "
                   "ours counts conv and linear multiply-adds only")


@register_model("se_resnext50_32x4d", family="SENet", twin="timm:seresnext50_32x4d", published=(
    *_exact(27_559_896, 4_232_994_816, "timm seresnext50_32x4d"),
    Figure(4.25e9, "MACs", _HU, exact=False, note=_UNSTATED_COUNT.format(gap="17M (0.4%)")),
    Figure(27.6e6, "params", "commonly quoted for SE-ResNeXt-50 (Cadene's port of the SENet release)", exact=False),
))
def se_resnext50_32x4d(**kwargs) -> ResNet:
    return se_resnext(50, **kwargs)


@register_model("se_resnext101_32x4d", family="SENet", twin="timm:seresnext101_32x4d", published=(
    *_exact(48_955_416, 7_974_739_968, "timm seresnext101_32x4d"),
    Figure(8.0e9, "MACs", _HU, exact=False),
))
def se_resnext101_32x4d(**kwargs) -> ResNet:
    return se_resnext(101, **kwargs)


@register_model("senet154", family="SENet", twin="timm:senet154", published=(
    *_exact(115_088_984, 20_688_363_520, "timm senet154"),
))
def senet154(num_classes: int = 1000, **kwargs) -> ResNet:
    """The ILSVRC 2017 winner: SE-ResNeXt-152 (64×4d) with a deep 3×3 stem (64, 64, 128), 3×3
    projection shortcuts and the first 1×1 of each bottleneck at half width. (The release's
    dropout 0.2 before the classifier has no parameters and is left out, as in timm's build.)"""
    return ResNet("bottleneck", (3, 8, 36, 3), num_classes, groups=64, width_per_group=4, attention=_se,
                  stem="deep", stem_width=64, downsample_kernel=3, reduce_first=2, **kwargs)


@register_model("eca_resnet50", family="SENet", published=(
    *_exact(25_557_118, 4_089_272_064, "timm resnet50 with block_args=dict(attn_layer='eca')"),
    Figure(24.37e6, "params", "Wang et al. 2020 (ECA-Net), Table 2", exact=False,
           note=("1.19M below every standard ResNet-50 build (25.56M) and not reproducible from one; "
                 "ECA itself adds 86 weights (k = 5, 5, 5, 7), the paper says 80 (k = 5 at C = 2048 too)")),
    Figure(3.86e9, "MACs", "Wang et al. 2020 (ECA-Net), Table 2", exact=False,
           note="the stride-on-1×1 ResNet-50 count (3.86G); ours strides on the 3×3 as timm does"),
))
def eca_resnet50(num_classes: int = 1000, **kwargs) -> ResNet:
    """ResNet-50 with ECA (adaptive kernel: 5, 5, 5, 7 across the stages) in every bottleneck.

    timm has no registered model for the paper's network (its ecaresnet50d has a deep stem and
    average-pool shortcuts), so its twin is timm's ``resnet50`` built with ``attn_layer='eca'``."""
    return ResNet("bottleneck", RESNET_LAYERS[50], num_classes,
                  attention=lambda c: ECAModule(c, eca_kernel_size(c)), **kwargs)


@register_model("cbam_resnet50", family="SENet", published=(
    Figure(28_089_624, "params", "the CBAM authors' code (MLP with biases), counted", exact=True),
    Figure(4_095_573_110, "MACs", "timm resnet50 with attn_layer='cbam', at 224", exact=True),
    Figure(28_073_576, "params", "timm resnet50 with block_args=dict(attn_layer='cbam')", exact=True,
           note="mlp_bias=False: timm's CBAM MLP has no biases (16,048 fewer)"),
    Figure(28.09e6, "params", "Woo et al. 2018 (CBAM), Table (ResNet50 + CBAM)", exact=False),
    Figure(3.864e9, "MACs", "Woo et al. 2018 (CBAM)", exact=False,
           note="the stride-on-1×1 ResNet-50 count; ours strides on the 3×3 as timm does"),
))
def cbam_resnet50(num_classes: int = 1000, mlp_bias: bool = True, **kwargs) -> ResNet:
    """ResNet-50 with CBAM (channel then spatial attention) in every bottleneck. ``mlp_bias=False``
    is timm's module (its twin: timm's ``resnet50`` built with ``attn_layer='cbam'``)."""
    return ResNet("bottleneck", RESNET_LAYERS[50], num_classes,
                  attention=lambda c: CBAM(c, mlp_bias=mlp_bias), **kwargs)


@register_model("sknet50", family="SENet", twin="timm:skresnext50_32x4d", published=(
    *_exact(27_479_784, 4_462_710_784, "timm skresnext50_32x4d"),
    Figure(27.5e6, "params", "Li et al. 2019 (SKNet), Table 2", exact=False),
    Figure(4.47e9, "MACs", "Li et al. 2019 (SKNet), Table 2", exact=False,
           note=_UNSTATED_COUNT.format(gap="7M (0.2%)")),
))
def sknet50(num_classes: int = 1000, **kwargs) -> ResNet:
    """SKNet-50: ResNeXt-50 (32×4d) with each grouped 3×3 replaced by an SK convolution of two
    paths (3×3 and dilated 3×3), r = 16, L = 32."""
    return ResNet(partial(SelectiveKernelBottleneck, groups=32), RESNET_LAYERS[50], num_classes,
                  groups=32, width_per_group=4, **kwargs)


def resnest(depth: int, stem_width: int, num_classes: int = 1000, radix: int = 2, **kwargs) -> ResNet:
    """ResNeSt-``depth`` (radix 2, one cardinal group, 64 wide): split-attention bottlenecks on a
    deep stem, average-pool shortcuts and the stride on a 3×3 average pool ("avd")."""
    return ResNet(partial(SplitAttentionBottleneck, radix=radix), RESNET_LAYERS[depth], num_classes,
                  stem="deep", stem_width=stem_width, downsample="avg", **kwargs)


@register_model("resnest50", family="SENet", twin="timm:resnest50d", published=(
    *_exact(27_483_240, 5_371_160_576, "timm resnest50d"),
    Figure(27.5e6, "params", "Zhang et al. 2020 (ResNeSt), Table", exact=False),
    Figure(5.39e9, "MACs", "Zhang et al. 2020 (ResNeSt), Table", exact=False,
           note=_UNSTATED_COUNT.format(gap="19M (0.3%)")),
))
def resnest50(**kwargs) -> ResNet:
    return resnest(50, stem_width=32, **kwargs)


@register_model("resnest101", family="SENet", twin="timm:resnest101e", published=(
    *_exact(48_275_016, 10_200_565_760, "timm resnest101e"),
    Figure(48.3e6, "params", "Zhang et al. 2020 (ResNeSt), Table", exact=False),
    Figure(10.2e9, "MACs", "Zhang et al. 2020 (ResNeSt), Table", exact=False),
))
def resnest101(**kwargs) -> ResNet:
    return resnest(101, stem_width=64, **kwargs)
