"""InceptionBlock that applies x.relu_() to its input after computing the branches.

TASK: InceptionBlock

The output is right, but the caller's tensor is changed. Expected to fail: hygiene (input modified)
and gradients (an in-place op on a leaf that requires grad raises).
"""
_InceptionBlock = InceptionBlock


class InceptionBlock(_InceptionBlock):
    def forward(self, x):
        out = super().forward(x)
        x.relu_()  # 'tidy up' the input: changes the caller's tensor
        return out
