"""Building blocks shared by the model families (one module per idea)."""

from .inception import FactorizedConv, InceptionBlock, conv1x1, conv_params, inception_macs

__all__ = ["FactorizedConv", "InceptionBlock", "conv1x1", "conv_params", "inception_macs"]
