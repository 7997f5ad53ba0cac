"""ResNeXt50 leaves out the stem's max pool.

TASK: ResNeXt50
"""
import torch
import torch.nn.functional as F

_ResNeXt50 = ResNeXt50


class ResNeXt50(_ResNeXt50):
    def forward(self, x):
        x = self.stem[:3](x)
        x = x + 0 * self.stem[3](x).mean()   # the pool is computed, and its result thrown away
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(self.blocks(x), 1), 1))
