"""ECA using the conv output as the gate, without the sigmoid.

TASK: ECAModule
MISTAKE: 閘值少了 sigmoid | the module without the sigmoid on the gate
"""
_ECAModule = ECAModule


class ECAModule(_ECAModule):
    def forward(self, x):
        n, c = x.shape[:2]
        return x * self.conv(x.mean(dim=(2, 3)).view(n, 1, c)).view(n, c, 1, 1)
