"""An ECA module whose forward floods stdout and stderr (raw fd writes, past Python's buffers) without end.

TASK: ECAModule
CAUSE: output limit
BASE: correct
"""
import os
class ECAModule(nn.Module):
    def __init__(self, channels, k_size=3):
        super().__init__()

    def forward(self, x):
        chunk = b"z" * (1 << 16)
        while True:
            os.write(1, chunk)
            os.write(2, chunk)
