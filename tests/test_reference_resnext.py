"""day21's references and its source scan: the split grouped conv is nn.Conv2d(groups=g) cut per
group, ResNeXt50 matches torchvision, and the forbidden-API scan reads the task's code only."""
from __future__ import annotations

import pytest
import torch
from hypothesis import given, settings, strategies as st

from classic_cnn.blocks.grouped import SplitGroupConv, group_conv_params
from classic_cnn.counting import count_params
from classic_cnn.models.resnet import resnext50
from classic_grade.checks.static_scan import evasions, hidden_groups


@settings(max_examples=15, deadline=None, derandomize=True, database=None)
@given(groups=st.integers(1, 6), a=st.integers(1, 3), b=st.integers(1, 3), kernel=st.sampled_from([1, 3, 5]),
       stride=st.integers(1, 2), bias=st.booleans())
def test_split_group_conv_is_the_library_grouped_conv(groups, a, b, kernel, stride, bias):
    torch.manual_seed(0)
    library = torch.nn.Conv2d(groups * a, groups * b, kernel, stride, kernel // 2, groups=groups, bias=bias)
    split = SplitGroupConv.from_grouped(library)
    x = torch.randn(2, groups * a, 7, 6)
    torch.testing.assert_close(split(x), library(x))
    assert count_params(split) == count_params(library) == group_conv_params(groups * a, groups * b, kernel, groups,
                                                                             bias)


def test_resnext50_matches_torchvision():
    torchvision = pytest.importorskip("torchvision")
    with torch.device("meta"):
        ours, theirs = resnext50(), torchvision.models.resnext50_32x4d()
    assert count_params(ours) == count_params(theirs) == 25_028_904
    assert {k: v.shape for k, v in ours.state_dict().items()} == {k: v.shape for k, v in theirs.state_dict().items()}


SOURCE = '''
import torch
from torch import nn
import torch.nn.functional as F

def helper(c, g):
    return F.conv2d(c, c, None, 1, 0, 1, g)

SHARED = dict(groups=1)

class GroupConv2d(nn.Module):
    def __init__(self, cin, cout, k, groups):
        super().__init__()
        self.ok = nn.Conv2d(cin, cout, k, groups=1, **SHARED)
    def forward(self, x):
        return helper(x, 2)

class ResNeXtBlock(nn.Module):
    def __init__(self, width, cardinality):
        super().__init__()
        self.conv = nn.Conv2d(width, width, 3, groups=cardinality)
'''


def test_source_scan_leaves_visible_groups_to_the_runtime_record_and_spares_other_tasks():
    # A helper's positional groups and **SHARED (a module-level literal) are in plain sight: the
    # worker's record of what torch received judges their values, the scan has nothing to say.
    assert evasions(SOURCE, "GroupConv2d") == [] and hidden_groups(SOURCE, "GroupConv2d") == []
    smuggled = SOURCE.replace("**SHARED", "**OPTIONS").replace("SHARED = dict(groups=1)",
                                                                 "OPTIONS = {}\nOPTIONS['gro' + 'ups'] = 2")
    found = hidden_groups(smuggled, "GroupConv2d")
    assert [f.line for f in found] == [15] and "**OPTIONS" in found[0].reason
    assert hidden_groups(smuggled, "ResNeXtBlock") == []
