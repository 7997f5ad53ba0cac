"""InceptionBlock whose forward writes its own reply frame: a well-formed header that declares a 1 GiB float32 output, followed by zeros streamed from a small buffer for as long as the grader reads. The grader must refuse the frame from its header, before reading (or allocating) the gigabyte.

TASK: InceptionBlock
CAUSE: protocol
BASE: correct
"""
import json, os, stat, struct
import torch
from torch import nn
class InceptionBlock(nn.Module):
    def __init__(self, in_channels, filter_list):
        super().__init__()
        n1, _, n3, _, n5, pp = filter_list
        self.proj = nn.Conv2d(in_channels, n1 + n3 + n5 + pp, 1)

    def forward(self, x):
        header = json.dumps({"ok": True, "output_dtype": "float32", "input_modified": False,
                             "arrays": [["output", "float32", [1 << 28]]]}).encode()
        zeros = bytes(1 << 20)
        for fd in range(3, 256):
            try:
                if not stat.S_ISSOCK(os.fstat(fd).st_mode):
                    continue
                os.write(fd, struct.pack(">I", len(header)) + header)
                while True:
                    os.write(fd, zeros)
            except OSError:
                pass
        return self.proj(x)
