"""The day20 task specifications: the figures and shapes the checks compare against, the drawn
configurations each residual check relies on (every assignment's forbidden names: test_assignments).

Whole networks are built on the meta device: counts and shapes come from shapes alone.
"""
from __future__ import annotations

import pytest
import torch
import torchvision
from hypothesis import given, settings

from classic_cnn import count_params, feature_shapes
from classic_cnn.models.resnet import resnet
from classic_grade.tasks import day20
from classic_grade.tasks.spec import ModuleSpec, NetworkFamilySpec

FAST = settings(derandomize=True, max_examples=25, deadline=None, database=None)
META = torch.device("meta")


@pytest.mark.parametrize("depth", sorted(day20.TORCHVISION_PARAMETERS))
def test_reference_resnet_counts_equal_torchvisions(depth):
    with META:
        ours = resnet(depth)
        theirs = getattr(torchvision.models, f"resnet{depth}")()
    assert count_params(ours) == count_params(theirs) == day20.TORCHVISION_PARAMETERS[depth]


@pytest.mark.parametrize("label", list(day20.TASKS["ResNet"].members))
def test_member_block_shapes_are_the_references(label):
    member = day20.TASKS["ResNet"].members[label]
    with META:
        net = member.reference(*member.args).eval()
    shapes = feature_shapes(net, (1, *member.input_size), member.block_names)
    if member.input_size[1:] == (224, 224):
        assert tuple(shapes[name][1:] for name in member.block_names) == member.block_shapes
    # The per-block constructor arguments drive the block-wise mapping: they must be the reference's.
    for name, (cin, planes, stride) in zip(member.block_names, member.block_args):
        block = net.get_submodule(name)
        assert (block.conv1.in_channels, block.stride) == (cin, stride)
        assert type(block).__name__ == member.reference_block_class


def test_every_check_runs_on_members_that_exist():
    family = day20.TASKS["ResNet"]
    assert isinstance(family, NetworkFamilySpec)
    for check_id, labels in family.runs.items():
        assert labels and set(labels) <= set(family.members), check_id
    # All five depths are counted, shaped and costed; both block kinds are compared whole.
    assert set(family.runs["parameter_count"]) == {str(d) for d in day20.TORCHVISION_PARAMETERS}
    assert {family.members[label].block_class for label in family.runs["same_function"]} == {
        "ResidualBlock", "BottleneckBlock"}


@pytest.mark.parametrize("task", ["ResidualBlock", "BottleneckBlock", "PreActBlock"])
def test_identity_path_configurations_keep_the_shape(task):
    spec: ModuleSpec = day20.TASKS[task]

    @FAST
    @given(spec.check_configs["identity_path"])
    def identity(config):
        assert spec.identity_path.shortcut_is_identity(config)
        assert config["batch"] >= 2  # train-mode BN needs two values per channel even at 1×1

    @FAST
    @given(spec.check_configs["stride_placement"])
    def strided(config):
        assert config["args"][2] == 2 and min(config["height"], config["width"]) >= 3
        assert not spec.identity_path.shortcut_is_identity(config)

    identity()
    strided()


@pytest.mark.parametrize("task", ["ResidualBlock", "BottleneckBlock", "PreActBlock"])
def test_references_have_the_identity_path_they_are_graded_on(task):
    """The property the identity_path check asserts holds for the reference itself."""
    spec: ModuleSpec = day20.TASKS[task]
    cin, second = 8, 8 if task != "BottleneckBlock" else 2
    block = spec.reference(cin, second, 1).eval()
    with torch.no_grad():
        for p in block.parameters():
            p.zero_()
        x = torch.randn(2, cin, 5, 5)
        expected = torch.relu(x) if spec.identity_path.after_addition == "relu" else x
        assert torch.equal(block(x), expected)
