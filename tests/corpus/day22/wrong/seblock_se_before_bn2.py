"""SE block with the SE module between the second conv and its BN.

TASK: SEResidualBlock
MISTAKE: SE 放在第二個卷積與其 BN 之間 | the block with the SE module between the second conv and its BN
"""
import torch.nn.functional as F

_SEResidualBlock = SEResidualBlock


class SEResidualBlock(_SEResidualBlock):
    def forward(self, x):
        main = self.conv2(F.relu(self.bn1(self.conv1(x))))
        return F.relu(self.bn2(self.se(main)) + self.shortcut(x))
