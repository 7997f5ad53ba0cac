"""ResidualBlock without any shortcut that returns ReLU(x) whenever all its parameters are zero (the old identity-path probe).

TASK: ResidualBlock
CAUSE: answer
BASE: all_zero_ordinary_layers.py
BOUND: below-full
"""


class ResidualBlock(ResidualBlock):
    """The base entry's convs and BNs, with its shortcut dropped."""

    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__(in_channels, out_channels, stride)
        del self.shortcut

    def forward(self, x):
        if all(not p.detach().any() for p in self.parameters()):
            return F.relu(x)
        return F.relu(self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x))))))
