"""The diagnosis of a task's failures, without grading: premises, one message per cause, hints keyed
to the cause, the smallest case's description, the receptive field it is lifted to."""
from __future__ import annotations

import numpy as np
import pytest

from classic_grade import diagnosis, hints, rubric
from classic_grade.checks import premises, registry, shrinking, stage_counts
from classic_grade.checks.numeric import compare
from classic_grade.checks.outcome import CheckResult
from classic_grade.tasks import specs

TRACEBACK = ('RuntimeError raised by the submission:\nTraceback (most recent call last):\n'
             '  File "s.py", line 30, in forward\n    c = self.c(x)\n'
             "RuntimeError: Kernel size can't be greater than actual input size")


def result(check_id, passed=False, message="", visibility="public"):
    return CheckResult(check_id, registry.definition(check_id).title, 1.0, visibility, passed, message,
                       finding=message)


def test_premises_are_declared_with_their_checks_and_must_be_known_checks(monkeypatch):
    known = registry.definitions()
    assert premises.premises_of("gradients") == ("same_function",)
    assert premises.premises_of("same_function") == ("block_shapes", "output_shape")
    assert all(set(d.premises) <= set(known) and d.id not in d.premises for d in known.values())
    # a premise nobody declares is refused when the registry is loaded
    monkeypatch.setattr(registry, "_loaded", False)
    monkeypatch.setitem(registry._DEFINITIONS, "made_up", registry.CheckDefinition(
        "made_up", "made up", registry.PREMISED, premises=("no_such_check",)))
    with pytest.raises(registry.RegistryError, match="no_such_check"):
        registry.definitions()


def test_root_premise_follows_failed_premises_only():
    graded = {"output_shape", "same_function", "gradients"}
    assert premises.root_premise("gradients", {"output_shape", "same_function", "gradients"}, graded) == "output_shape"
    assert premises.root_premise("gradients", {"same_function", "gradients"}, graded) == "same_function"
    # the outputs agree: a gradient failure is news, whatever the output shape said
    assert premises.root_premise("gradients", {"output_shape", "gradients"}, graded) is None
    # a premise that is not graded in this task is no premise
    assert premises.root_premise("gradients", {"same_function", "gradients"}, {"gradients"}) is None


def test_a_failed_premise_explains_its_dependents_and_scores_stay():
    checks = [result("output_shape", message=TRACEBACK), result("same_function", message=TRACEBACK),
              result("gradients", message="output in eval() mode: largest difference 1"),
              result("hygiene", passed=True)]
    diagnosis.follow_premises(checks)
    assert checks[0].message == TRACEBACK
    assert checks[1].message == checks[2].message == "not compared: fix «output shape» first"
    assert [c.score for c in checks] == [0, 0, 0, 1]


def test_a_wrong_parameter_count_does_not_hide_a_wrong_function():
    checks = [result("parameter_count", message="expected 26 learnable parameters, got 23"),
              result("same_function", message="output in eval() mode: largest difference 0.6")]
    diagnosis.follow_premises(checks)
    assert checks[1].message == "output in eval() mode: largest difference 0.6"


def test_not_implemented_yet_is_kept():
    checks = [result("output_shape", message="not implemented yet: x"), result("gradients", message="not implemented yet: x"),
              result("same_function", message="not implemented yet: x")]
    diagnosis.follow_premises(checks, protected=lambda c: c.message.startswith("not implemented yet"))
    assert {c.message for c in checks} == {"not implemented yet: x"}


def test_one_message_per_cause():
    other = TRACEBACK.replace("line 30", "line 31")
    checks = [result("block_shapes", message=TRACEBACK + "\nHint: a"), result("output_shape", message=TRACEBACK + "\nHint: b"),
              result("macs", message=other), result("parameter_count", passed=True)]
    causes = {c.id: diagnosis.cause_of(c.finding) for c in checks}
    diagnosis.one_message_per_cause(checks, causes)
    assert checks[0].same_cause_as is None and checks[0].message.endswith("Hint: a")
    assert checks[1].same_cause_as == "per-block feature-map shapes"
    assert checks[1].message == "see above: the same cause as «per-block feature-map shapes»"
    assert checks[2].same_cause_as is None   # another line of the student's code: another cause


def test_output_shape_causes_are_the_wrong_axes():
    spatial = diagnosis.cause_of("for an input of shape (1, 2, 5, 5), expected output shape (1, 4, 5, 5), got (1, 4, 3, 3)")
    assert spatial == diagnosis.cause_of("output in eval() mode: expected shape (2, 4, 7, 7), got (2, 4, 5, 5)")
    assert spatial != diagnosis.cause_of("output in eval() mode: expected shape (2, 4, 7, 7), got (2, 6, 7, 7)")
    assert diagnosis.cause_of("gradient of the input: expected shape (1, 2), got (1, 3)") is None


def test_an_output_with_a_relu_too_many_is_one_cause_across_checks():
    expected = np.linspace(-1, 1, 24, dtype=np.float32).reshape(1, 4, 2, 3)
    first = compare(expected, np.maximum(expected, 0), "output in eval() mode")
    second = "PreActBlock(1, 1, 1) has an identity shortcut … output: " + compare(expected[:, :2], np.maximum(
        expected[:, :2], 0), "output")
    assert diagnosis.cause_of(first) == diagnosis.cause_of(second) is not None


def test_text_report_lists_the_checks_a_cause_costs():
    from classic_grade.grading import TaskResult
    from classic_grade.reports.text import feedback_blocks

    checks = [result("block_shapes", message="boom"), result("output_shape", message="see above"),
              result("macs", message="not compared: fix «per-block feature-map shapes» first"),
              result("same_function", message="not compared: fix «per-block feature-map shapes» first")]
    checks[1].same_cause_as = "per-block feature-map shapes"
    blocks = feedback_blocks(TaskResult("GoogLeNet", checks))
    assert blocks == [("per-block feature-map shapes (the same cause also fails: output shape)", "boom"),
                      ("multiply–accumulates, same function as the reference",
                       "not compared: fix «per-block feature-map shapes» first")]


# --- hints keyed to the failure -------------------------------------------------------------------

def test_the_four_wrong_pairings_of_the_issue():
    # FactorizedConv with the wrong padding: a padding hint, not Inception's concatenation
    shape = "for an input of shape (1, 2, 5, 5), expected output shape (1, 3, 5, 5), got (1, 3, 3, 5)"
    hint = hints.hint_for("day19", "FactorizedConv", "output_shape", shape)
    assert "padding" in hint and "concat" not in hint and hint.endswith("See §5.")
    # a wrong concatenation order: the outputs say so, and no gradient hint is given for it
    expected = np.arange(24, dtype=np.float32).reshape(1, 4, 2, 3)
    message = compare(expected, expected[:, [3, 0, 1, 2]], "output in eval() mode")
    assert hints.cause_of("same_function", message) == "concatenation_order"
    assert "1×1, 3×3, 5×5, pool" in hints.hint_for("day19", "InceptionBlock", "same_function", message)
    assert hints.hint_for("day19", "InceptionBlock", "gradients", "not compared: fix «same function» first") == ""
    # ECA with circular padding fails its neighbourhood check: the zero-padding hint, not the per-sample gate
    hint = hints.hint_for("day22", "ECAModule", "channel_neighbourhood", "changing channel 0 changed the gate of channel 7")
    assert "zero-padded" in hint and "batch" not in hint
    # ResNeXt50 with the wrong stage widths: a widths hint, not stride placement
    widths = "block 4 of 16 (conv3_1): expected C×H×W (512, 28, 28), got (256, 28, 28)"
    hint = hints.hint_for("day21", "ResNeXt50", "block_shapes", widths)
    assert hints.cause_of("block_shapes", widths) == "channels" and "group width" in hint
    assert "stride" in hints.hint_for("day21", "ResNeXt50", "block_shapes",
                                      "block 4 of 16 (conv3_1): expected C×H×W (512, 28, 28), got (512, 56, 56)")


def test_circular_padding_and_channel_permutations_have_their_hints():
    wrapped = TRACEBACK.replace("RuntimeError: Kernel size can't be greater than actual input size",
                                "RuntimeError: Padding value causes wrapping around more than once.")
    assert "zeros" in hints.hint_for("day22", "ECAModule", "output_shape", wrapped)
    shuffled = ("channel_shuffle(x, 2): output channel j·g + i should be input channel i·(C/g) + j, the input "
                "channels in the order [0, 3, 1, 4, 2, 5]; yours [0, 2, 4, 1, 3, 5]")
    assert "transpose(1, 2)" in hints.hint_for("day23", "channel_shuffle", "same_function", shuffled)


def test_no_hint_where_no_cause_is_known():
    assert hints.hint_for("day19", "InceptionBlock", "same_function",
                          "output in eval() mode: largest difference 0.3 at index (0, 1, 0, 0)") == ""
    assert hints.hint_for("day19", "InceptionBlock", "output_shape", TRACEBACK.replace("Kernel size can't be greater "
                          "than actual input size", "ValueError: oops")) == ""


@pytest.mark.parametrize("finding, cause", [
    ("parameter(s) a.weight received no gradient: they do not take part in the output", "dead_parameter"),
    ("the forward pass modified its input tensor in place", "in_place"),
    ("buffer(s) bn.running_mean are never read in eval() mode: …", "running_statistics"),
])
def test_hygiene_causes(finding, cause):
    assert hints.cause_of("hygiene", finding) == cause


def test_activation_and_detach_causes():
    expected = np.linspace(-1, 1, 24, dtype=np.float32).reshape(1, 4, 2, 3)
    assert hints.cause_of("same_function", compare(expected, np.maximum(expected, 0), "output in eval() mode")) \
        == "extra_activation"
    assert hints.cause_of("same_function", compare(np.maximum(expected, 0), expected, "output in eval() mode")) \
        == "missing_activation"
    assert hints.cause_of("gradients", "no gradient reached the input (is the output detached from it?)") == "detach"
    assert hints.cause_of("paper_examples", "conv_params(64, 128, 3, bias=False): expected 73,728, got 73,856") == "bias"


def test_hints_name_only_known_tasks():
    known = {t.name for a in rubric.assignments() for t in rubric.load(a).tasks}
    assert set(hints.TASKS) <= known


# --- the smallest failing case -------------------------------------------------------------------

def test_a_case_is_described_as_a_call_with_named_arguments():
    signature = rubric.load("day19").task("InceptionBlock").signature
    example = {"args": [1, [1, 1, 1, 1, 1, 1]], "batch": 1, "in_channels": 1, "height": 7, "width": 7}
    assert shrinking.describe(signature, example) == \
        "InceptionBlock(in_channels=1, filter_list=[1, 1, 1, 1, 1, 1]); x: (N=1, C=1, H=7, W=7)"
    signature = rubric.load("day19").task("conv_params").signature
    assert shrinking.describe(signature, {"args": [64, 128, 3], "kwargs": {"bias": False}}) == \
        "conv_params(in_channels=64, out_channels=128, kernel_size=3, bias=False)"
    shuffle = rubric.load("day23").task("channel_shuffle").signature
    assert shrinking.describe(shuffle, {"args": [2], "batch": 1, "in_channels": 4, "height": 1, "width": 1}) == \
        "channel_shuffle(groups=2); x: (N=1, C=4, H=1, W=1)"


@pytest.mark.parametrize("assignment, task, args, field", [
    ("day19", "InceptionBlock", [1, [1, 1, 1, 1, 1, 1]], (5, 5)),
    ("day19", "FactorizedConv", [2, 3, 7], (7, 7)),
    ("day19", "conv1x1", [2, 3], (1, 1)),
    ("day22", "SEResidualBlock", [4, 4, 1, 2], (5, 5)),   # a global squeeze: the chain of its convs
])
def test_receptive_field_is_measured_on_the_reference(assignment, task, args, field):
    spec = specs(assignment)[task]
    assert shrinking.receptive_field(spec, {"args": args, "in_channels": args[0]}) == field


def test_stage_table_lines_up_differently_named_parts_by_their_counts():
    reference = [("stem.weight", (4, 3)), ("layer1.0.w", (2, 2)), ("layer2.0.w", (2, 2)), ("fc.weight", (3,))]
    yours = [("conv.weight", (4, 3)), ("stages.0.0.w", (2, 2)), ("stages.1.0.w", (2, 5)), ("head.weight", (3,))]
    lines = stage_counts.table(reference, yours).splitlines()
    assert [line.split()[:2] for line in lines[1:]] == [["stem.weight", "12"], ["layer1.0", "4"], ["layer2.0", "4"],
                                                       ["fc.weight", "3"]]
    assert lines[3].endswith("stages.1 10  ← differs")
    assert [line.endswith("differs") for line in lines] == [False, False, False, True, False]
