"""ResNeXtBlock normalises with the running statistics even in train() mode.

TASK: ResNeXtBlock
BASE: correct/group_conv_split_with_explicit_groups_one.py
MISTAKE: train() 模式下 BN 仍用移動平均統計量 | the block whose BNs use the running statistics in train() mode too
"""
import torch.nn.functional as F


class ResNeXtBlock(ResNeXtBlock):
    """The attribute layout of correct/group_conv_split_with_explicit_groups_one.py; only the main path differs."""

    @staticmethod
    def _bn(bn, x):
        return F.batch_norm(x, bn.running_mean, bn.running_var, bn.weight, bn.bias, training=False, eps=bn.eps)

    def main_path(self, x):
        out = F.relu(self._bn(self.bn1, self.conv1(x)))
        out = F.relu(self._bn(self.bn2, self.conv2(out)))
        return self.bn3(self.conv3(out))
