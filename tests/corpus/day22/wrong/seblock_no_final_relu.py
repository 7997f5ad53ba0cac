"""SE block without the ReLU after the addition.

TASK: SEResidualBlock
MISTAKE: 相加之後少了 ReLU | the block with no ReLU after the addition
"""
import torch.nn.functional as F

_SEResidualBlock = SEResidualBlock


class SEResidualBlock(_SEResidualBlock):
    def forward(self, x):
        out = self.se(self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x))))))
        return out + self.shortcut(x)
