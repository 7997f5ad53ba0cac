"""GoogLeNet that runs inception 4c before 4b when run on the meta device (a device-dependent forward).

TASK: GoogLeNet

4b and 4c both map 512 to 512 channels and share three tensor shapes; on the meta device this
forward runs 4c first, so a meta-device trace pairs those tensors the wrong way round, while a real
run uses them in forward order. The grader's meta trace is only a proposal: a mapping that fails
under it is searched again (on a real run's trace, then block by block) before anything is failed,
so this network keeps full marks on same_function. Its MACs, measured on the meta device, are the same in either order.
It overrides only the example's forward; every other task is the reference-like one; the test
grades this file on every task.

GRADE: all
"""

import torch
import torch.nn.functional as F

ExampleGoogLeNet = GoogLeNet   # the correct example's network, which this entry overlays


class GoogLeNet(ExampleGoogLeNet):
    def forward(self, x):
        x = self.stage3(self.stem(x))
        if x.device.type == "meta":
            stage4 = self.stage4
            x = stage4[5](stage4[4](stage4[3](stage4[1](stage4[2](stage4[0](x))))))
        else:
            x = self.stage4(x)
        x = self.stage5(x)
        x = torch.flatten(F.adaptive_avg_pool2d(x, 1), 1)
        return self.fc(self.dropout(x))
