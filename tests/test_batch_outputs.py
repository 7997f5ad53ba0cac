"""One small class graded by `classic-grade batch` (two cheap tasks, hidden checks included, two
graders), and every file it writes checked: the per-student report, results.json and feedback page,
grades.csv, the Canvas import, junit.xml, summary.json and the class report (in a real browser).
Every student's report equals a single grading of the same file; the hostile student costs only
her own grade."""
from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET

import pytest

from batch_support import (ADVERSARIAL, CORPUS, EXAMPLES, ROOT, batch_command, browse, console_errors, copy,
                           on_correct)

TASKS = ("conv1x1", "conv_params")
CONTRACT = {"assignment", "score", "max_score", "elapsed_s", "tasks", "errors", "notes", "submission", "environment"}
GRADED = ("alice", "bob", "carol", "dave", "frank", "mallory", "unattributed:day19.py")


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("batch-class")
    subs = root / "subs"
    copy(EXAMPLES / "correct.py", subs / "alice.py")
    copy(EXAMPLES / "typical_mistakes.py", subs / "bob.py")
    on_correct(CORPUS / "wrong" / "conv1x1_no_bias.py", subs / "carol" / "day19.py")
    copy(ADVERSARIAL / "corrupt_notebook.ipynb", subs / "dave.ipynb")        # unreadable: dave's own error
    (subs / "erin").mkdir()                                                   # nothing handed in
    copy(ROOT / "solutions" / "day19" / "day19.ipynb", subs / "frank" / "day19.ipynb")
    on_correct(ADVERSARIAL / "fork_bomb.py", subs / "mallory.py")             # hostile neighbour
    on_correct(CORPUS / "correct" / "conv1x1_sequential_wrapper.py", subs / "day19.py")   # names no student
    out = root / "out"
    task_options = [option for task in TASKS for option in ("--task", task)]
    result = batch_command(subs, "-a", "day19", "--out", out, "--all", "--workers", 2, "--similarity", *task_options)
    assert result.returncode == 0, result.stderr[-3000:]
    records = {}
    for path in (out / "students").glob("*/report.json"):
        record = json.loads(path.read_text("utf-8"))
        records[record["student"]] = record
    return {"subs": subs, "out": out, "stderr": result.stderr, "records": records}


def test_every_submission_has_a_record_and_a_plain_progress_line(batch):
    assert set(batch["records"]) == set(GRADED) | {"erin"}
    lines = [line for line in batch["stderr"].splitlines() if line.startswith("[")]
    assert len(lines) == len(GRADED), batch["stderr"]
    assert {line.split("] ", 1)[1].split(": ", 1)[0] for line in lines} == set(GRADED)


def test_each_report_is_the_contract_plus_the_student_and_equals_a_single_grading(batch, grader):
    for student in GRADED:
        record = batch["records"][student]
        assert CONTRACT <= set(record) and record["student"] == student
        assert record["batch"]["key"] and record["batch"]["sha256"] == record["submission"]["sha256"]
        single = grader.grade(record["submission"]["path"], "day19", "all", tasks=list(TASKS))

        def essentials(tasks):
            return [(t["name"], t["score"], [(c["name"], c["score"], c["passed"], c["message"]) for c in t["checks"]])
                    for t in tasks]

        from classic_grade.reports import to_dict

        expected = to_dict(single)
        assert essentials(record["tasks"]) == essentials(expected["tasks"]), student
        assert (record["score"], record["max_score"], record["errors"], record["notes"]) == \
               (expected["score"], expected["max_score"], expected["errors"], expected["notes"]), student


def test_the_hostile_student_costs_only_her_own_grade(batch):
    records = batch["records"]
    mallory = {t["name"]: t for t in records["mallory"]["tasks"]}
    assert mallory["conv_params"]["score"] == 0
    assert mallory["conv1x1"]["score"] == mallory["conv1x1"]["max_score"]
    for student in ("alice", "frank", "unattributed:day19.py"):
        assert records[student]["score"] == records[student]["max_score"], [
            (t["name"], c["name"], c["message"][:300]) for t in records[student]["tasks"] for c in t["checks"] if not c["passed"]]
    assert records["dave"]["score"] == 0 and "not a readable notebook" in records["dave"]["notes"][0]
    assert "no .ipynb or .py" in records["erin"]["source_error"]


def test_gradescope_results_and_feedback_pages_per_student(batch):
    for student, record in batch["records"].items():
        folder = batch["out"] / "students" / next(p.parent.name for p in (batch["out"] / "students").glob(
            "*/report.json") if json.loads(p.read_text())["student"] == student)
        page = (folder / "feedback.html").read_text("utf-8")
        assert student.replace(":", "") in page.replace(":", "")
        if student == "erin":
            assert not (folder / "results.json").exists()
            continue
        results = json.loads((folder / "results.json").read_text("utf-8"))
        assert {"score", "execution_time", "output", "visibility", "tests"} <= set(results)
        assert results["score"] == record["score"]
        assert all({"name", "score", "max_score", "status", "output", "visibility"} <= set(t) for t in results["tests"])
        assert len(results["tests"]) == sum(len(t["checks"]) for t in record["tasks"])


def test_grades_csv_has_a_column_per_task_and_check(batch):
    with open(batch["out"] / "grades.csv", newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    header = list(rows[0])
    alice = batch["records"]["alice"]
    checks = [f"{t['name']}: {c['name']}" for t in alice["tasks"] for c in t["checks"]]
    assert header == ["student", "total", "max_score", "status", "needs_review", "attributed", *TASKS, *checks,
                      "error", "sha256", "path"]
    by_student = {row["student"]: row for row in rows}
    assert set(by_student) == set(batch["records"])
    for student, record in batch["records"].items():
        row = by_student[student]
        if student == "erin":
            assert (row["status"], row["total"]) == ("source error", "") and "no .ipynb" in row["error"]
            continue
        assert row["status"] == "graded" and float(row["total"]) == record["score"]
        assert sum(float(row[task]) for task in TASKS) == record["score"]
        assert sum(float(row[check]) for check in checks) == record["score"]
    assert by_student["unattributed:day19.py"]["attributed"] == "no"


def test_canvas_import_lists_attributed_students_with_points_possible(batch):
    with open(batch["out"] / "canvas.csv", newline="", encoding="utf-8") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "day19"]
    assert rows[1][0] == "Points Possible" and float(rows[1][5]) == batch["records"]["alice"]["max_score"]
    grades = {row[3]: row[5] for row in rows[2:]}
    assert set(grades) == set(batch["records"]) - {"unattributed:day19.py"}
    assert grades["erin"] == ""                         # not graded: left blank, never a zero
    assert float(grades["carol"]) == batch["records"]["carol"]["score"]


def test_junit_parses_with_a_suite_per_student_and_a_case_per_check(batch):
    tree = ET.parse(batch["out"] / "junit.xml").getroot()
    suites = {suite.get("name"): suite for suite in tree.iter("testsuite")}
    assert set(suites) == set(batch["records"])
    for student in GRADED:
        record = batch["records"][student]
        cases = suites[student].findall("testcase")
        assert len(cases) == sum(len(t["checks"]) for t in record["tasks"])
        failed = sum(not c["passed"] for t in record["tasks"] for c in t["checks"])
        assert len(suites[student].findall("testcase/failure")) == failed == int(suites[student].get("failures"))
    assert suites["erin"].find("testcase/error") is not None


def test_summary_json_counts_and_the_class_picture(batch):
    summary = json.loads((batch["out"] / "summary.json").read_text("utf-8"))
    assert {"assignment", "max_score", "complete", "counts", "statistics", "students", "unattributed", "missing",
            "grader", "rubric", "options"} <= set(summary)
    counts = summary["counts"]
    assert summary["complete"] is True
    assert (counts["submissions"], counts["graded"], counts["source_errors"], counts["unattributed"],
            counts["grader_errors"]) == (8, 7, 1, 1, 0)
    stats = summary["statistics"]
    assert sum(b["count"] for b in stats["histogram"]) == 7
    rates = {t["task"]: t for t in stats["task_failure_rates"]}
    assert rates["conv_params"]["failed"] >= 2             # mallory, dave
    assert stats["frequent_failures"] and all(m["students"] >= 1 for m in stats["frequent_failures"])
    assert [u["student"] for u in summary["unattributed"]] == ["unattributed:day19.py"]
    pairs = {(p["a"], p["b"]) for p in summary["similarity"]["pairs"]}
    assert ("alice", "mallory") in pairs                   # mallory's file is alice's plus her attack


def test_the_pages_render_in_a_browser_with_charts_and_no_console_errors(batch):
    report = batch["out"] / "class-report.html"
    dom, log = browse(report, batch["out"] / "class-report")
    assert console_errors(log) == []
    assert dom.count("<svg") >= 5 and "Score distribution" in dom and "Most frequent failures" in dom
    assert "Most similar pairs" in dom
    assert (batch["out"] / "class-report.png").stat().st_size > 20_000
    carol = next(p for p in (batch["out"] / "students").glob("carol*/feedback.html"))
    dom, log = browse(carol, carol.parent / "feedback")
    assert console_errors(log) == []
    assert "Smallest failing case" in dom and "Hint" in dom and "sandbox:" in dom
