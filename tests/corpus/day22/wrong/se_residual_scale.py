"""SEModule returning x + x·s, a residual recalibration instead of x·s.

TASK: SEModule
MISTAKE: 回傳 x + x·s 而非 x·s | the module that returns x + x·s instead of x·s
"""
_SEModule = SEModule


class SEModule(_SEModule):
    def forward(self, x):
        return x + super().forward(x)   # x + x·s: the scale added to the input
