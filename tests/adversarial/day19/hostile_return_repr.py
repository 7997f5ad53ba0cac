"""Returns an int subclass whose __repr__/__str__ recurse, whose __eq__ is always True and whose __index__ raises.

TASK: conv_params
CAUSE: answer|RecursionError|TypeError|Error
BASE: correct
"""
class Liar(int):
    def __repr__(self):
        return repr(self)
    __str__ = __repr__
    def __eq__(self, other):
        return True
    __hash__ = int.__hash__
    def __index__(self):
        raise RuntimeError("no")
def conv_params(in_channels, out_channels, kernel_size, bias=True):
    return Liar(-1)
