"""`classic-grade grade` in CI: usage errors in one line at once, --fail-under, JUnit totals.

Exit statuses: 0 grading completed (whatever the score without --fail-under), 1 the grader could
not run, 2 a usage error (said before the sandbox's zygote starts), 3 a score below --fail-under.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from classic_grade import cli

ROOT = Path(__file__).resolve().parents[1]
SOLUTION = ROOT / "solutions" / "day19" / "day19.ipynb"
STUB = ROOT / "assignments" / "day19" / "day19.ipynb"
# Far below the zygote's start (torch's import alone is seconds), with room for a slow CI machine.
USAGE_SECONDS = 4.0

USAGE_ERRORS = {
    "missing file": (["nothere.ipynb", "-a", "day19"], "cannot read nothere.ipynb"),
    "directory": ([str(ROOT / "solutions"), "-a", "day19"], "cannot read"),
    "unknown task": ([str(SOLUTION), "-a", "day19", "--task", "Inception"], "did you mean InceptionBlock"),
    "unknown assignment": ([str(SOLUTION), "-a", "day91"], "unknown assignment 'day91'; did you mean"),
    "bad threshold": ([str(SOLUTION), "-a", "day19", "--fail-under", "lots"], "--fail-under 'lots'"),
    "threshold above the maximum": ([str(SOLUTION), "-a", "day19", "--task", "conv_params", "--fail-under", "3"],
                                    "above the 2 points"),
}


def _no_cuda_here() -> bool:
    from classic_grade import preflight
    return not preflight.cuda_may_exist()


def _run(args, cwd=None):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT / "autograder"), str(ROOT / "reference"),
                                                        os.environ.get("PYTHONPATH", "")]))
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "classic_grade.cli", "grade", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=120)
    return done, time.perf_counter() - started


@pytest.mark.parametrize("case", list(USAGE_ERRORS))
def test_a_usage_error_is_one_line_exit_2_at_once(case, tmp_path):
    args, expected = USAGE_ERRORS[case]
    done, seconds = _run(args, cwd=tmp_path)
    assert done.returncode == cli.EXIT_USAGE, (done.stdout, done.stderr)
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0], done.stderr
    assert seconds < USAGE_SECONDS, f"{case}: {seconds:.1f} s"


@pytest.mark.skipif(not _no_cuda_here(), reason="this machine has a GPU driver: torch decides")
def test_cuda_without_a_driver_is_a_usage_error_at_once(tmp_path):
    done, seconds = _run([str(SOLUTION), "-a", "day19", "--device", "cuda"], cwd=tmp_path)
    assert done.returncode == cli.EXIT_USAGE and "no CUDA device" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and seconds < USAGE_SECONDS


def test_usage_errors_are_found_before_the_zygote_starts(monkeypatch):
    def no_zygote(*args, **kwargs):
        raise AssertionError("the zygote was started for a request that could not be carried out")

    monkeypatch.setattr(cli, "Zygote", no_zygote)
    for case, (args, expected) in USAGE_ERRORS.items():
        result = CliRunner().invoke(cli.main, ["grade", *args])
        assert result.exit_code == cli.EXIT_USAGE and expected in result.output, (case, result.output)


def _graded(args):
    return CliRunner().invoke(cli.main, ["grade", *args, "--device", "cpu"])   # click 8.2+: stdout and stderr apart


def test_fail_under_turns_a_low_score_into_exit_3_and_keeps_the_json_contract():
    low = _graded([str(STUB), "-a", "day19", "--task", "conv_params", "--format", "json", "--fail-under", "50%"])
    assert low.exit_code == cli.EXIT_BELOW_THRESHOLD, low.output
    report = json.loads(low.stdout)                      # still exactly one JSON object on stdout
    assert report["score"] == 0 and report["max_score"] == 2
    assert "below --fail-under 50% of 2 = 1 points" in low.stderr
    high = _graded([str(SOLUTION), "-a", "day19", "--task", "conv_params", "--format", "json", "--fail-under", "2"])
    assert high.exit_code == cli.EXIT_OK, high.output
    assert json.loads(high.stdout)["score"] == 2
    without = _graded([str(STUB), "-a", "day19", "--task", "conv_params", "--format", "json"])
    assert without.exit_code == cli.EXIT_OK              # the documented contract: graded → 0


def test_junit_carries_the_total_and_each_tasks_points():
    result = _graded([str(STUB), "-a", "day19", "--task", "conv_params", "--task", "inception_macs",
                      "--format", "junit"])
    assert result.exit_code == 0, result.output
    root = ET.fromstring(result.stdout.split("?>", 1)[1])
    assert (root.get("score"), root.get("max_score")) == ("0", "4")
    suites = {suite.get("name"): suite for suite in root.iter("testsuite")}
    assert set(suites) == {"conv_params", "inception_macs"}
    props = {p.get("name"): p.get("value") for p in suites["conv_params"].find("properties")}
    assert props["score"] == "0" and props["max_score"] == "2" and props["assignment_max_score"] == "4"
