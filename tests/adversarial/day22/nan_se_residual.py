"""The SE residual block's forward turns its output to NaN (an honest numerical bug: a log of a negative gate sum).

TASK: SEResidualBlock
CAUSE: NaN|nan|differ|output|finite
BASE: correct
BOUND: below-full

The log's argument is negative for every input, so every output element is NaN.
"""
_CorrectSEResidual = SEResidualBlock
class SEResidualBlock(_CorrectSEResidual):
    def forward(self, x):
        out = super().forward(x)
        return out + torch.log(-out.abs().sum() - 1)
