"""Naming the mistake: the known-mistakes library stays in step with the corpus, a correct variant is
never named, wrong variants are named as labelled, and naming changes feedback, never a score.

The measuring code is the benchmark's (benchmarks/name_the_mistake.py), so the figures it reports
and these tests rest on the same steps.
"""
from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from classic_grade import mistakes
from classic_grade.checks.outcome import CheckResult
from classic_grade.grading import Grader
from classic_grade.mistakes import build, messages
from classic_grade.reports.json_report import to_dict
from classic_grade.validation import overlay

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
DAYS = sorted(p.name for p in CORPUS.iterdir() if p.is_dir())


def _benchmark():
    spec = importlib.util.spec_from_file_location("name_the_mistake_benchmark",
                                                  ROOT / "benchmarks" / "name_the_mistake.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


benchmark = _benchmark()


@pytest.mark.parametrize("day", DAYS)
def test_library_is_generated_from_the_corpus(day):
    """One source of truth: the packaged JSON is what `make mistakes` writes from the corpus now."""
    packaged = mistakes.library_file(day).read_text("utf-8")
    assert packaged == build.render(build.library(ROOT, day)), f"run `make mistakes`: {day}'s library is stale"


@pytest.mark.parametrize("day", DAYS)
def test_every_known_mistake_builds_its_task_in_the_grading_process(day):
    for mistake in mistakes.known(day):
        reference = mistake.reference()
        assert callable(reference) and reference.__name__ == mistake.task, mistake.id
        assert mistake.zh_tw and mistake.en and mistake.zh_tw != mistake.en


def test_labels_are_read_strictly(tmp_path):
    entry = tmp_path / "x.py"
    entry.write_text('"""A variant.\n\nTASK: conv1x1\nMISTAKE: only one language\n"""\n')
    with pytest.raises(build.LabelError, match="zh-TW name"):
        build.entry_label(entry)
    entry.write_text('"""A variant.\n\nTASK: conv1x1\n"""\n')
    assert build.entry_label(entry) is None


def test_the_message_says_it_in_both_languages():
    mistake = next(m for m in mistakes.for_task("day19", "InceptionBlock") if m.id == "inception_no_relu_after_3x3")
    assert mistake.messages() == {
        "zh-TW": "你的 InceptionBlock 與『3×3 卷積後少了 ReLU』的寫法完全相同",
        "en": "your InceptionBlock computes exactly the block with no ReLU after the 3×3 conv"}
    assert set(mistake.equivalents) == {"inception_flat_parameter_no_relu_after_3x3",
                                        "inception_fused_1x1_no_relu_after_3x3"}
    assert messages.heading("both") == "已知的錯誤 / known mistake"


def _premise(**changes):
    fields = dict(id="same_function", name="same function", points=3, visibility="public", passed=False,
                  message="differs", example={"args": [1, 1]}, needs_review=False)
    return CheckResult(**(fields | changes))


@pytest.mark.parametrize("premise", [
    _premise(passed=True), _premise(needs_review=True), _premise(example=None), _premise(visibility="hidden")],
    ids=["passed", "unmappable", "no drawn case", "hidden"])
def test_naming_is_not_tried_where_it_must_not_be(premise):
    """A passed function check (a correct submission), an unmappable layout, a failure without a
    drawn case (not implemented, lost worker) and a hidden check the student may not see."""
    grader = Grader.__new__(Grader)   # no zygote: the step must return before it needs one
    spec = type("Spec", (), {"kind": "module"})()
    assert grader._name_mistake(None, spec, premise, 0.0, False, "day19") is None


def _sample(kind):
    """Module-task entries of every day: the correct ones (one per task, the first), and a wrong
    sample whose mistakes the grader names (each day's, a layout variant of a mistake included)."""
    if kind == "correct":
        chosen = {}
        for day, _, path in benchmark.entries(DAYS, ["correct"], None):
            task = benchmark.varied_task(path)
            if benchmark.specs(day)[task].kind == "module":
                chosen.setdefault((day, task), path)
        return [pytest.param(day, path, id=f"{day}-{path.stem}") for (day, _), path in chosen.items()]
    return [pytest.param(day, CORPUS / day / "wrong" / f"{stem}.py", id=f"{day}-{stem}") for day, stem in WRONG_SAMPLE]


WRONG_SAMPLE = [("day19", "inception_fused_1x1_no_relu_after_3x3"), ("day19", "factorized_no_middle_relu"),
                ("day20", "residual_no_final_relu"), ("day21", "group_conv_reversed_concat"),
                ("day22", "se_tanh_gate"), ("day23", "sep_no_relu_between")]


@pytest.mark.parametrize("day, path", _sample("correct"))
def test_a_correct_variant_is_never_named(grader, day, path):
    """Forced: the naming step runs although the function check passed, with a drawn configuration
    standing for a failing one; no known mistake may agree with a correct variant."""
    # A generous budget: a verdict cut short by the clock would pass for the wrong reason.
    row = benchmark.measure(grader, day, path, force=True, seconds=300)
    assert row["named"] is None, f"{path.stem} named {row.get('named_id')!r}"


@pytest.mark.parametrize("day, path", _sample("wrong"))
def test_a_wrong_variant_is_named_as_labelled(grader, day, path):
    row = benchmark.measure(grader, day, path, seconds=300)
    assert row["verdict"] == "right", row


def test_grading_adds_the_named_mistake_and_keeps_the_score(grader):
    entry = CORPUS / "day19" / "wrong" / "inception_no_relu_after_3x3.py"
    report = grader.grade(overlay(ROOT, "day19", entry), "day19", "all", tasks=["InceptionBlock"], reveal_hidden=True)
    task = report.tasks[0]
    assert task.mistake is not None and task.mistake.id == "inception_no_relu_after_3x3"
    assert task.score == sum(c.score for c in task.checks)
    assert not next(c for c in task.checks if c.id == "same_function").passed
    record = json.loads(json.dumps(to_dict(report), ensure_ascii=False))
    assert record["tasks"][0]["mistake"]["messages"]["zh-TW"] == "你的 InceptionBlock 與『3×3 卷積後少了 ReLU』的寫法完全相同"
    assert all("mistake" in t for t in record["tasks"])
    # The checks' own messages are untouched: the named mistake is a field and a line of its own.
    assert all("完全相同" not in c["message"] for c in record["tasks"][0]["checks"])
