"""SE block recalibrating the shortcut instead of the residual branch.

TASK: SEResidualBlock
MISTAKE: SE 作用在捷徑而非殘差分支 | the block that recalibrates the shortcut instead of the residual branch
"""
import torch.nn.functional as F

_SEResidualBlock = SEResidualBlock


class SEResidualBlock(_SEResidualBlock):
    def forward(self, x):
        branch = F.relu(self.bn1(self.conv1(x)))
        branch = self.bn2(self.conv2(branch))
        return F.relu(branch + self.se(self.shortcut(x)))
