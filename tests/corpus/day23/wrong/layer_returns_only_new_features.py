"""My layer returns only its new features, as torchvision's _DenseLayer does.

TASK: DenseLayer
"""


class DenseLayer(DenseLayer):
    def forward(self, x):
        return super().forward(x)[:, x.shape[1]:]
