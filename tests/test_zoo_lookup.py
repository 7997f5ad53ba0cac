"""timm-style lookup in the zoo's registry: wildcard filters, and a plain error for ``pretrained``."""

from __future__ import annotations

import fnmatch

import pytest
from click.testing import CliRunner

import classic_cnn
from classic_grade.cli import main


def test_a_wildcard_keeps_exactly_the_names_it_matches():
    every = classic_cnn.list_models()
    resnets = classic_cnn.list_models("resnet*")
    assert resnets == [name for name in every if name.startswith("resnet")]
    assert {"resnet18", "resnet50", "resnet1202_cifar"} <= set(resnets)
    assert "preact_resnet164_cifar" not in resnets and "se_resnet50" not in resnets


def test_filters_combine_like_timms():
    assert classic_cnn.list_models(["vgg1?", "lenet*"]) == ["lenet5", "vgg11", "vgg13", "vgg16", "vgg19"]
    cifar = classic_cnn.list_models("*_cifar", exclude_filters=["densenet*", "wrn*"])
    assert cifar and all(name.endswith("_cifar") and not fnmatch.fnmatchcase(name, "densenet*")
                         and not name.startswith("wrn") for name in cifar)
    assert classic_cnn.list_models("no_such_net*") == []
    assert classic_cnn.list_models() == classic_cnn.list_models("") == sorted(classic_cnn.list_models())
    assert classic_cnn.list_models("RESNET*") == []  # case-sensitive, as registry names are


def test_pretrained_weights_are_refused_in_one_line():
    with pytest.raises(ValueError) as raised:
        classic_cnn.create("resnet50", pretrained=True)
    message = str(raised.value)
    assert "no pretrained weights" in message and "resnet50" in message and "\n" not in message
    assert "torchvision:resnet50" in message  # where weights for this layout do exist


def test_pretrained_false_builds_as_before():
    net = classic_cnn.create("lenet5", pretrained=False)
    assert classic_cnn.count_params(net) == 60_000


def test_the_command_takes_wildcards_and_rejects_one_that_matches_nothing():
    result = CliRunner().invoke(main, ["zoo", "vgg1?", "lenet5", "--format", "json"])
    assert result.exit_code == 0, result.output
    import json

    assert [e["name"] for e in json.loads(result.output)] == ["vgg11", "vgg13", "vgg16", "vgg19", "lenet5"]
    missing = CliRunner().invoke(main, ["zoo", "nothing*"])
    assert missing.exit_code != 0 and "no model matches 'nothing*'" in missing.output
