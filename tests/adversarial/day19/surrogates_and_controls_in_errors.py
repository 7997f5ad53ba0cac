"""Messages no report format can carry as they are: inception_macs raises with a lone surrogate, a NUL, XML-forbidden controls and a terminal escape in its message; conv_params returns an object whose repr holds a lone low surrogate and a vertical tab. Every format must still come out valid, and each task fail as an ordinary wrong answer.

TASK: inception_macs, conv_params
CAUSE: answer
BASE: correct
"""
class _Odd:
    def __repr__(self):
        return "odd\udcff\x0b\x00result"
def inception_macs(in_channels, filter_list, height, width):
    raise ValueError("bad \ud800 value \x00\x01\x08\x1b[2J\x7f\ufffe end")
def conv_params(in_channels, out_channels, kernel_size, bias=True):
    return _Odd()
