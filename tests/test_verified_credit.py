"""Credit only what the grader verified: an unmappable layout fails the comparison it could not make
and is flagged for review; figures and properties count only once the same-function comparison
passed; the weight mapping accepts honest layouts and its search is bounded."""
from __future__ import annotations

import json
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from classic_grade.checks import transplant, verification
from classic_grade.grading import CHECKS_BY_KIND
from classic_grade.overlays import entry_source
from classic_grade.reports import render_text, to_dict, to_gradescope, to_junit
from classic_grade.sandbox import Limits

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "autograder" / "classic_grade" / "examples"
CORPUS = ROOT / "tests" / "corpus"
ADVERSARIAL = ROOT / "tests" / "adversarial"


def _overlay(tmp_path, day: str, entry: Path) -> Path:
    """The submission the entry stands for (the corpus and adversarial overlay format)."""
    target = tmp_path / f"{day}_{entry.stem}.py"
    target.write_text(entry_source(entry, EXAMPLES / day / "correct.py"))
    return target


def _grade(grader, tmp_path, day, entry, tasks, visibility="all"):
    report = grader.grade(_overlay(tmp_path, day, entry), day, visibility, tasks=tasks, reveal_hidden=True)
    assert report.errors == [], report.errors
    return report, {t.name: t for t in report.tasks}


def test_every_check_declares_what_its_verdict_rests_on():
    for kind, checks in CHECKS_BY_KIND.items():
        for check_id in checks:
            assert verification.basis(check_id) in (verification.FUNCTION, verification.PREMISED), (kind, check_id)
    assert verification.basis("same_function") == verification.FUNCTION
    with pytest.raises(KeyError):
        verification.basis("made_up_check")


def test_all_zero_flat_parameter_gets_nothing_and_is_flagged(grader, tmp_path):
    report, tasks = _grade(grader, tmp_path, "day19", ADVERSARIAL / "day19" / "all_zero_flat_parameter.py",
                           ["InceptionBlock", "conv_params"])
    block = tasks["InceptionBlock"]
    assert block.score == 0 and block.needs_review
    assert report.needs_review == ["InceptionBlock"]
    same = next(c for c in block.checks if c.id == "same_function")
    assert same.needs_review and "'flat'" in same.message and "no counterpart" in same.message
    shape = next(c for c in block.checks if c.id == "output_shape")
    assert shape.message.startswith("not credited") and shape.needs_review
    assert tasks["conv_params"].score == tasks["conv_params"].max_score and not tasks["conv_params"].needs_review

    # every report format carries the flag
    as_dict = to_dict(report)
    assert as_dict["needs_review"] == ["InceptionBlock"]
    by_name = {t["name"]: t for t in as_dict["tasks"]}
    assert by_name["InceptionBlock"]["needs_review"] is True and by_name["conv_params"]["needs_review"] is False
    assert all(c["needs_review"] for c in by_name["InceptionBlock"]["checks"])
    gradescope = json.loads(to_gradescope(report))
    assert "NEEDS REVIEW" in gradescope["output"] and "InceptionBlock" in gradescope["output"]
    assert any("NEEDS REVIEW" in t["output"] for t in gradescope["tests"] if t["name"].startswith("InceptionBlock"))
    junit = ET.fromstring(to_junit(report).split("?>", 1)[1])
    flags = {s.get("name"): s.find("properties/property[@name='needs_review']").get("value")
             for s in junit.iter("testsuite")}
    assert flags == {"InceptionBlock": "true", "conv_params": "false"}
    from rich.console import Console
    console = Console(record=True, width=200)
    render_text(report, console)
    assert "needs review: InceptionBlock" in console.export_text()


def test_unmappable_wrong_block_loses_points_and_is_flagged(grader, tmp_path):
    _, tasks = _grade(grader, tmp_path, "day19",
                      CORPUS / "day19" / "wrong" / "inception_flat_parameter_no_relu_after_3x3.py", ["InceptionBlock"])
    assert tasks["InceptionBlock"].score == 0 and tasks["InceptionBlock"].needs_review


def test_column_bias_no_longer_hides_a_missing_relu(grader, tmp_path):
    """(n, 1) biases map now, so the mistake is verified wrong: no points, nothing to review."""
    _, tasks = _grade(grader, tmp_path, "day19", CORPUS / "day19" / "wrong" / "inception_column_bias_no_relu_after_5x5.py",
                      ["InceptionBlock"])
    block = tasks["InceptionBlock"]
    assert not block.needs_review
    verdicts = {c.id: c for c in block.checks}
    assert not verdicts["same_function"].passed and "eval() mode" in verdicts["same_function"].message
    assert not verdicts["parameter_count"].passed
    assert verdicts["parameter_count"].message.startswith("not credited: the same-function comparison did not pass")
    assert block.score == 0


@pytest.mark.parametrize("day, entry, task", [
    ("day19", "inception_lazy_convs", "InceptionBlock"),
    ("day19", "inception_column_biases", "InceptionBlock"),
    ("day22", "se_linear_weights_transposed_row_biases", "SEModule"),
])
def test_honest_layouts_map_and_get_full_marks(grader, tmp_path, day, entry, task):
    _, tasks = _grade(grader, tmp_path, day, CORPUS / day / "correct" / f"{entry}.py", [task])
    result = tasks[task]
    failed = [(c.id, c.message[:200]) for c in result.checks if not c.passed]
    assert result.score == result.max_score and not result.needs_review, failed


def test_a_hidden_premise_is_run_for_public_grading(grader, tmp_path):
    """GoogLeNet's same-function check is hidden: public-only grading still runs it, does not report
    it, and credits no figure of a network that computes something else."""
    report, tasks = _grade(grader, tmp_path, "day19", CORPUS / "day19" / "wrong" / "googlenet_dropout_always_on.py",
                           ["GoogLeNet"], visibility="public")
    net = tasks["GoogLeNet"]
    assert "same_function" not in {c.id for c in net.checks}
    assert net.score == 0 and not net.needs_review
    assert all(c.message.startswith("not credited") for c in net.checks)


def test_unregistered_classifier_finishes_inside_the_task_budget(grader, tmp_path):
    started = time.monotonic()
    _, tasks = _grade(grader, tmp_path, "day21", CORPUS / "day21" / "wrong" / "resnext50_classifier_plain_tensor.py",
                      ["ResNeXt50"])
    net = tasks["ResNeXt50"]
    assert net.needs_review and net.score == 0
    assert net.elapsed_s < Limits().task_seconds, net.elapsed_s
    same = next(c for c in net.checks if c.id == "same_function")
    assert "'fc.weight'" in same.message and "plain attribute" in same.message
    assert time.monotonic() - started < 3 * Limits().task_seconds


# --- the mapping search, without a worker ------------------------------------------------------


def test_a_reference_tensor_without_counterpart_is_named_at_once():
    ref = transplant.units({"conv.weight": (8, 4, 3, 3), "fc.weight": (10, 8), "fc.bias": (10,)},
                           [["conv2d", ["conv.weight"]], ["linear", ["fc.weight", "fc.bias"]]])
    sub = transplant.units({"w": (8, 4, 3, 3)}, [["conv2d", ["w"]]])
    with pytest.raises(ValueError, match="'fc.weight' of shape \\(10, 8\\).*no counterpart"):
        next(transplant.candidate_mappings(ref, sub))


def test_size_one_dimensions_and_transposed_matrices_map():
    ref = transplant.units({"fc1.weight": (4, 16), "fc1.bias": (4,), "fc2.weight": (16, 4), "fc2.bias": (16,)},
                           [["linear", ["fc1.weight", "fc1.bias"]], ["linear", ["fc2.weight", "fc2.bias"]]])
    sub = transplant.units({"w1": (16, 4), "b1": (1, 4), "w2": (4, 16), "b2": (1, 16, 1, 1)},
                           [["matmul", ["w1"], [2, 16], [2, 4]], ["add", ["b1"], [2, 4], [2, 4]],
                            ["matmul", ["w2"], [2, 4], [2, 16]], ["add", ["b2"], [2, 16], [2, 16]]])
    mappings = list(transplant.candidate_mappings(ref, sub))
    assert mappings[0] == {"fc1.weight": "w1", "fc1.bias": "b1", "fc2.weight": "w2", "fc2.bias": "b2"}
    assert isinstance(mappings[0]["fc1.weight"], transplant.Transposed)
    assert not isinstance(mappings[0]["fc1.bias"], transplant.Transposed)


def test_many_identical_fused_tensors_are_searched_within_budget():
    """Thirty-two fused convs, each readable as any pair of sixty-four reference convs: the search
    yields at most MAX_CANDIDATES mappings or gives up on its budget, in seconds, never hangs."""
    ref_shapes = {f"block.branch{i}.weight": (2, 3, 1, 1) for i in range(64)}  # one block: all may fuse
    ref = transplant.units(ref_shapes, [["conv2d", [n]] for n in ref_shapes])
    sub_shapes = {f"fused{i}": (4, 3, 1, 1) for i in range(32)}
    sub = transplant.units(sub_shapes, [["conv2d", [n]] for n in sub_shapes])
    started = time.monotonic()
    found = 0
    try:
        for _ in transplant.candidate_mappings(ref, sub, seconds=5.0):
            found += 1
    except transplant.SearchExhausted:
        pass
    assert found <= transplant.MAX_CANDIDATES
    assert time.monotonic() - started < 30


def test_batchnorms_on_slices_of_a_fused_conv_map_to_each_part():
    """A reduce 1×1 and a projection 1×1 fused into one conv, each slice with its own BN."""
    ref = transplant.units(
        {"conv1.weight": (1, 4, 1, 1), "bn1.weight": (1,), "bn1.bias": (1,),
         "proj.weight": (4, 4, 1, 1), "projbn.weight": (4,), "projbn.bias": (4,)},
        [["conv2d", ["conv1.weight"], [1, 4, 3, 3], [1, 1, 3, 3]],
         ["batch_norm", ["bn1.weight", "bn1.bias"], [1, 1, 3, 3], [1, 1, 3, 3], None, "conv1.weight"],
         ["conv2d", ["proj.weight"], [1, 4, 3, 3], [1, 4, 3, 3]],
         ["batch_norm", ["projbn.weight", "projbn.bias"], [1, 4, 3, 3], [1, 4, 3, 3], None, "proj.weight"]])
    sub = transplant.units(
        {"both.weight": (5, 4, 1, 1), "pbn.weight": (4,), "pbn.bias": (4,), "bn.weight": (1,), "bn.bias": (1,)},
        [["conv2d", ["both.weight"], [1, 4, 3, 3], [1, 5, 3, 3]],
         ["batch_norm", ["pbn.weight", "pbn.bias"], [1, 4, 3, 3], [1, 4, 3, 3], None, "both.weight"],
         ["batch_norm", ["bn.weight", "bn.bias"], [1, 1, 3, 3], [1, 1, 3, 3], None, "both.weight"]])
    expected = {"conv1.weight": ("both.weight", 0, 1), "bn1.weight": "bn.weight", "bn1.bias": "bn.bias",
                "proj.weight": ("both.weight", 1, 5), "projbn.weight": "pbn.weight", "projbn.bias": "pbn.bias"}
    assert expected in list(transplant.candidate_mappings(ref, sub))
