"""I capped my Inception block's output at 6 (ReLU6 on every branch, as MobileNetV2 does).

TASK: InceptionBlock

Every branch ends in a ReLU, so capping the concatenation is ReLU6 on each branch: it equals the
block until an activation passes 6, which drawn inputs and fan-in-scaled weights rarely reach.
same_function's run on an input scaled up must see the clip.
"""


class InceptionBlock(InceptionBlock):
    def forward(self, x):
        return super().forward(x).clamp(max=6.0)
