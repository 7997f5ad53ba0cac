"""SE block with a ReLU between the second BN and the SE module.

TASK: SEResidualBlock
"""
import torch.nn.functional as F

_SEResidualBlock = SEResidualBlock


class SEResidualBlock(_SEResidualBlock):
    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        return F.relu(self.se(F.relu(self.bn2(self.conv2(out)))) + self.shortcut(x))
