"""Returns NaN from the pre-activation block's forward (an honest numerical bug: a 0/0 in a normalisation).

TASK: PreActBlock
CAUSE: NaN|nan|differ|output|finite
BASE: correct
BOUND: below-full

Nothing is hidden: the block is the example's, and only its output is poisoned.
"""
_CorrectPreAct = PreActBlock
class PreActBlock(_CorrectPreAct):
    def forward(self, x):
        out = super().forward(x)
        return out * (out.sum() * 0) / (out.sum() * 0)
