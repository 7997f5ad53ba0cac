"""The CI templates and the Gradescope bundle: each command they run exists in the CLI with the
options they pass, and the bundle's run_autograder writes Gradescope's results.json."""
from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
import zipfile
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from classic_grade.cli import main

yaml = pytest.importorskip("yaml")

ROOT = Path(__file__).resolve().parents[1]
RELEASED = ROOT / "assignments" / "day19" / "day19.ipynb"


def template(kind: str) -> dict:
    result = CliRunner().invoke(main, ["ci-template", kind])
    assert result.exit_code == 0, result.output
    return yaml.safe_load(result.output)


def commands(kind: str) -> list[tuple[list[str], dict]]:
    """Every `classic-grade …` line the template runs, with the template's variables expanded."""
    config = template(kind)
    if kind == "github-actions":
        variables = config["env"]
        lines = [step["run"] for job in config["jobs"].values() for step in job["steps"] if "run" in step]
    else:
        variables = config["variables"]
        lines = [line for name, job in config.items() if isinstance(job, dict) and "script" in job
                 for line in job["script"]]
    found = []
    for line in lines:
        expanded = re.sub(r"\$(\w+)", lambda m: variables.get(m[1], m[0]), line.split(">")[0])
        words = shlex.split(expanded)
        if words and words[0] == "classic-grade":
            found.append((words[1:], variables))
    return found


@pytest.mark.parametrize("kind", ["github-actions", "gitlab-ci"])
def test_ci_templates_run_commands_the_cli_has(kind):
    found = commands(kind)
    assert [words[0] for words, _ in found] == ["grade"]
    words, variables = found[0]
    grade = main.get_command(click.Context(main), "grade")
    if "fail_under" not in {p.name for p in grade.params}:
        pytest.fail("the templates use `grade --fail-under`, which this CLI lacks")
    context = grade.make_context("grade", words[1:])   # raises on an unknown option or a bad choice
    assert context.params["fail_under"] == variables["FAIL_UNDER"]
    assert context.params["output_format"] == "junit" and context.params["assignment"] == variables["ASSIGNMENT"]


def test_gitlab_publishes_the_junit_report_the_grade_writes():
    config = template("gitlab-ci")
    job = config["classic-grade"]
    assert job["artifacts"]["when"] == "always"
    assert any(line.endswith("> " + job["artifacts"]["reports"]["junit"]) for line in job["script"])


def test_github_publishes_the_junit_report_even_when_the_grade_fails():
    steps = template("github-actions")["jobs"]["grade"]["steps"]
    publish = next(s for s in steps if s.get("uses", "").startswith("mikepenz/action-junit-report"))
    grade = next(s for s in steps if "classic-grade grade" in s.get("run", ""))
    assert publish["if"] == "always()" and grade["run"].endswith("> " + publish["with"]["report_paths"])


@pytest.fixture
def bundle(tmp_path):
    target = tmp_path / "day19-gradescope.zip"
    result = CliRunner().invoke(main, ["gradescope-bundle", "day19", "-o", str(target), "--allow-unsandboxed"])
    assert result.exit_code == 0, result.output
    unpacked = tmp_path / "source"
    with zipfile.ZipFile(target) as archive:
        assert sorted(archive.namelist()) == ["requirements.txt", "run_autograder", "setup.sh"]
        for info in archive.infolist():
            archive.extract(info, unpacked)
            os.chmod(unpacked / info.filename, info.external_attr >> 16 & 0o777)
    return unpacked


def run_autograder(bundle: Path, root: Path) -> dict:
    env = dict(os.environ, AUTOGRADER_ROOT=str(root), CLASSIC_GRADE=str(Path(sys.executable).with_name("classic-grade")),
               PYTHONPATH=os.pathsep.join([str(ROOT / "autograder"), str(ROOT / "reference")]))
    proc = subprocess.run([str(bundle / "run_autograder")], env=env, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads((root / "results" / "results.json").read_text())


def test_the_bundle_grades_a_submission_into_results_json(bundle, tmp_path):
    assert os.access(bundle / "run_autograder", os.X_OK) and os.access(bundle / "setup.sh", os.X_OK)
    assert (bundle / "requirements.txt").read_text().startswith("classic-grade==")
    assert "-r /autograder/source/requirements.txt" in (bundle / "setup.sh").read_text()
    root = tmp_path / "autograder"
    (root / "submission").mkdir(parents=True)
    (root / "submission" / "day19.ipynb").write_bytes(RELEASED.read_bytes())   # the untouched stub
    results = run_autograder(bundle, root)
    assert results["score"] == 0
    from classic_grade import rubric

    checks = [c for task in rubric.load("day19").tasks for c in task.checks]
    assert len(results["tests"]) == len(checks)                       # --all: the hidden checks too
    assert sum(t["max_score"] for t in results["tests"]) == sum(c.points for c in checks)


def test_the_bundle_refuses_a_submission_it_cannot_pick(bundle, tmp_path):
    root = tmp_path / "autograder"
    (root / "submission").mkdir(parents=True)
    (root / "submission" / "notes.txt").write_text("forgot the notebook")
    assert "No day19.ipynb or day19.py" in run_autograder(bundle, root)["output"]
    (root / "submission" / "day19.ipynb").write_text("{}")
    (root / "submission" / "day19.py").write_text("x = 1\n")
    refused = run_autograder(bundle, root)
    assert refused["score"] == 0 and "2 candidates" in refused["output"]
