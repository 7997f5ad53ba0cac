"""SE block with a ReLU between the second BN and the SE module.

TASK: SEResidualBlock
MISTAKE: 第二個 BN 與 SE 模組之間多了 ReLU | the block with a ReLU between the second BN and the SE module
"""
import torch.nn.functional as F

_SEResidualBlock = SEResidualBlock


class SEResidualBlock(_SEResidualBlock):
    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.se(F.relu(self.bn2(self.conv2(out)))) + self.shortcut(x))
