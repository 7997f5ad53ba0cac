"""Golden feedback: the first lines of each failing task's feedback, kept as expected text.

Like torchvision's expect files, the text lives in the repository (``tests/golden/<lang>/<case>.txt``)
and changes only through a command, so a change of wording shows up in review as a diff:

    PYTHONPATH=autograder:reference python tests/golden_feedback.py --update            # every case
    PYTHONPATH=autograder:reference python tests/golden_feedback.py --update day19-typical

A case is a typical-mistakes example (every task of its assignment) or a corpus entry (its own
task, graded on the correct example). The public checks are graded, as a student's own run does.
Each case is graded once and its feedback written in every language the catalog speaks
(``tests/golden/en``, ``tests/golden/zh-TW``).
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"
LANGUAGES = ("en", "zh-TW")
LINES_PER_TASK = 12   # the first lines of a failing task's feedback: what a student reads first

# Corpus entries chosen for the causes they exercise (padding, concatenation order, detach, stride
# placement, stage widths, an activation too many, circular padding, bias, running statistics, …).
CORPUS = (
    ("day19", "inception_5x5_pad1"), ("day19", "inception_concat_order_dabc"), ("day19", "inception_detached_branch"),
    ("day19", "factorized_square_padding"), ("day19", "conv_params_ignores_bias_flag"),
    ("day19", "inception_unused_conv"), ("day20", "preact_relu_after_addition"),
    ("day20", "bottleneck_stride_on_first_1x1"), ("day21", "resnext50_constant_group_width"),
    ("day22", "eca_circular_padding"), ("day23", "layer_features_before_x"), ("day23", "params_counts_running_stats"),
)


@dataclass(frozen=True)
class Case:
    name: str
    assignment: str
    path: Path
    task: str | None = None      # a corpus entry's own task; None: every task

    def submission(self):
        from classic_grade import loading
        from classic_grade.validation import overlay

        return loading.load(self.path) if self.task is None else overlay(ROOT, self.assignment, self.path)


def cases() -> list[Case]:
    import ast

    from classic_grade import tasks

    found = [Case(f"{a}-typical", a, ROOT / "autograder" / "classic_grade" / "examples" / a / "typical_mistakes.py")
             for a in tasks.names()]
    for assignment, stem in CORPUS:
        path = ROOT / "tests" / "corpus" / assignment / "wrong" / f"{stem}.py"
        docstring = ast.get_docstring(ast.parse(path.read_text("utf-8"))) or ""
        task = next(line.split(":", 1)[1].strip() for line in docstring.splitlines() if line.startswith("TASK:"))
        found.append(Case(f"{assignment}-{stem}", assignment, path, task))
    return found


def feedback(report, lang: str = "en") -> str:
    """Each failing task's feedback as the text report prints it, cut to its first lines."""
    from classic_grade.reports.text import feedback_blocks

    out = []
    for task in report.tasks:
        lines = []
        for header, message in feedback_blocks(task, lang):
            lines += [f"{task.name} — {header}", *message.splitlines(), ""]
        if lines:
            out += lines[:LINES_PER_TASK] + ([""] if lines[:LINES_PER_TASK][-1] else [])
    return "\n".join(out).rstrip("\n") + "\n"


def render(grader, case: Case) -> dict[str, str]:
    """The case graded once, its feedback in every language: lang -> text."""
    report = grader.grade(case.submission(), case.assignment, "public",
                          tasks=[case.task] if case.task else None)
    # A grader error is never a student's feedback to pin down (test_examples_grade_cleanly.py grades
    # the typical mistakes' hidden checks; these cases cover the public ones).
    assert report.errors == [], f"{case.name}: the grader failed: {report.errors}"
    return {lang: feedback(report, lang) for lang in LANGUAGES}


def golden_path(case: Case, lang: str = "en") -> Path:
    return GOLDEN / lang / f"{case.name}.txt"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="rewrite the golden files (else: compare)")
    parser.add_argument("names", nargs="*", help="case names or prefixes (default: every case)")
    options = parser.parse_args(argv)
    from classic_grade.grading import Grader

    chosen = [c for c in cases() if not options.names or any(c.name.startswith(n) for n in options.names)]
    differ = []
    with Grader("cpu") as grader:
        for case in chosen:
            for lang, text in render(grader, case).items():
                path = golden_path(case, lang)
                if options.update:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text(text, "utf-8")
                    print(f"wrote {path.relative_to(ROOT)}")
                elif not path.is_file() or path.read_text("utf-8") != text:
                    differ.append(f"{case.name} ({lang})")
                    print(f"differs: {case.name} ({lang})")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "tests"))
    sys.exit(main())
