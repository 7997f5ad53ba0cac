"""ResidualBlock without any shortcut that returns ReLU(x) whenever all its parameters are zero (the old identity-path probe).

TASK: ResidualBlock
CAUSE: answer
BASE: correct
BOUND: below-full
"""


class ResidualBlock(nn.Module):
    def __init__(self, in_channels, out_channels, stride=1):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)

    def forward(self, x):
        if all(not p.detach().any() for p in self.parameters()):
            return F.relu(x)
        return F.relu(self.bn2(self.conv2(F.relu(self.bn1(self.conv1(x))))))
