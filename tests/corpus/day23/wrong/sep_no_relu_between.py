"""I left out the ReLU between the two stages, as Xception does.

TASK: DepthwiseSeparableConv
MISTAKE: 兩個階段之間少了 ReLU | the separable conv with no ReLU between the two stages
"""


class DepthwiseSeparableConv(DepthwiseSeparableConv):
    def forward(self, x):
        return self.relu(self.bn2(self.pointwise(self.bn1(self.depthwise(x)))))
