"""I ended with the second BN, no ReLU after it.

TASK: DepthwiseSeparableConv
MISTAKE: 最後一個 BN 之後少了 ReLU | the separable conv with no ReLU after the last BN
"""


class DepthwiseSeparableConv(DepthwiseSeparableConv):
    def forward(self, x):
        return self.bn2(self.pointwise(self.relu(self.bn1(self.depthwise(x)))))
