"""SE block adding the residual into the shortcut in place: the identity shortcut is the input.

TASK: SEResidualBlock
"""
import torch.nn.functional as F

_SEResidualBlock = SEResidualBlock


class SEResidualBlock(_SEResidualBlock):
    def forward(self, x):
        out = self.se(self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x))))))
        shortcut = self.shortcut(x)   # x itself on the identity path
        shortcut += out
        return F.relu(shortcut)
