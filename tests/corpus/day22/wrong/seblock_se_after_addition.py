"""SE block recalibrating the sum (after the addition) instead of the residual branch.

TASK: SEResidualBlock
MISTAKE: SE 放在相加之後 | the block that recalibrates the sum, after the addition
"""
import torch.nn.functional as F

_SEResidualBlock = SEResidualBlock


class SEResidualBlock(_SEResidualBlock):
    def forward(self, x):
        residual = self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x)))))
        return F.relu(self.se(residual + self.shortcut(x)))
