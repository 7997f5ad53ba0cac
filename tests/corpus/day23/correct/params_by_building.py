"""I build the block on the meta device and let PyTorch count.

TASK: dense_block_params
"""
import torch


def dense_block_params(num_layers, in_channels, growth_rate, bottleneck=4):
    with torch.device("meta"):
        block = DenseBlock(num_layers, in_channels, growth_rate, bottleneck)
    return sum(p.numel() for p in block.parameters())
