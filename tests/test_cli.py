import json
import xml.etree.ElementTree as ET

from click.testing import CliRunner

from classic_grade.cli import main

from conftest import EXAMPLES

CHEAP = ["--task", "conv_params", "--task", "inception_macs", "--device", "cpu"]


def test_grade_json_contract():
    result = CliRunner().invoke(main, ["grade", str(EXAMPLES / "typical_mistakes.py"), "-a", "day19", "--all",
                                       "--format", "json", *CHEAP])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert {"assignment", "score", "max_score", "elapsed_s", "tasks", "errors"} <= set(report)
    assert report["assignment"] == "day19" and report["score"] < report["max_score"]
    check = report["tasks"][0]["checks"][0]
    assert {"name", "score", "max_score", "passed", "visibility", "message", "needs_review", "same_cause_as"} <= set(check)
    assert report["tasks"][0]["name"] == "conv_params"


def test_gradescope_and_junit_formats():
    runner = CliRunner()
    gradescope = json.loads(runner.invoke(main, ["grade", str(EXAMPLES / "correct.py"), "-a", "day19",
                                                 "--format", "gradescope", *CHEAP]).output)
    assert gradescope["score"] == sum(t["max_score"] for t in gradescope["tests"])
    assert all(t["status"] == "passed" for t in gradescope["tests"])
    junit = runner.invoke(main, ["grade", str(EXAMPLES / "typical_mistakes.py"), "-a", "day19", "--format", "junit",
                                 *CHEAP]).output
    root = ET.fromstring(junit.split("?>", 1)[1])
    assert int(root.get("failures")) >= 1


def test_fetch_never_overwrites_without_force(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(main, ["fetch", "day19"]).exit_code == 0
    (tmp_path / "day19.ipynb").write_text("my work")
    refused = runner.invoke(main, ["fetch", "day19"])
    assert refused.exit_code != 0 and (tmp_path / "day19.ipynb").read_text() == "my work"
    assert runner.invoke(main, ["fetch", "day19", "--force"]).exit_code == 0
    assert "BEGIN SOLUTION" not in (tmp_path / "day19.ipynb").read_text()


def test_submit_keeps_a_dated_copy(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "day19.py").write_text((EXAMPLES / "typical_mistakes.py").read_text())
    result = CliRunner().invoke(main, ["submit", "day19", "--device", "cpu"])
    assert result.exit_code == 0, result.output
    kept = list((tmp_path / ".classic-grade" / "submissions").iterdir())
    assert len(kept) == 1
    assert (kept[0] / "day19.py").read_text() == (tmp_path / "day19.py").read_text()
    saved = json.loads((kept[0] / "report.json").read_text())
    assert saved["submission"]["sha256"] in kept[0].name + saved["submission"]["sha256"]
