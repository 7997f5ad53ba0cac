"""GoogLeNet whose forward checks its input's values before running (a data-dependent branch).

TASK: GoogLeNet

`if not torch.isfinite(x).all()` reads values, so this network cannot run on the meta device:
the grader's shapes and its search for a tensor mapping (a meta-device trace) must fall back to
runs on real tensors and still give full marks. Every other task is the reference-like one; the
test grades this file on every task.

GRADE: all
"""

import torch
import torch.nn.functional as F

ExampleGoogLeNet = GoogLeNet   # the correct example's network, which this entry overlays


class GoogLeNet(ExampleGoogLeNet):
    def forward(self, x):
        if not torch.isfinite(x).all():
            raise ValueError("the image holds NaN or infinity")
        x = self.stage5(self.stage4(self.stage3(self.stem(x))))
        x = torch.flatten(F.adaptive_avg_pool2d(x, 1), 1)
        return self.fc(self.dropout(x))
