"""The class files from hand-made records (no grading): a roster's Canvas and SIS ids reach the
Canvas import, a grader error and a missing student are listed and never scored, and whatever a
submission put into a message or a file name is escaped in both HTML pages."""
from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

from classic_grade.batch import analysis, html, outputs

HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>'


def graded(student, score, message="", source=None):
    check = {"name": "output shape", "score": score, "max_score": 2.0, "passed": score == 2.0,
             "visibility": "public", "message": message}
    return {"student": student, "assignment": "day19", "score": score, "max_score": 2.0, "elapsed_s": 1.5,
            "tasks": [{"name": "conv1x1", "score": score, "max_score": 2.0, "checks": [check]}],
            "errors": [], "notes": [], "submission": {"path": f"{student}.py", "sha256": "ab" * 32},
            "environment": {"device": "cpu", "sandbox": {"backend": "namespaces"}},
            "batch": {"source": source or {"attributed": True}}}


RECORDS = [
    graded("s001", 2.0, source={"attributed": True, "roster_name": "Jane Doe", "roster_canvas_id": "1234",
                                "roster_sis_id": "SIS-1", "roster_section": "A"}),
    graded("mallory" + HOSTILE, 0.0, message=f"expected {HOSTILE}\nSmallest failing case: {HOSTILE}\nHint: {HOSTILE}"),
    {"student": "doomed", "assignment": "day19", "grader_error": "the grader's zygote died", "batch": {"source": {}}},
    {"student": "s003", "assignment": "day19", "missing": True, "batch": {"source": {"attributed": True}}},
    graded("unattributed:day19.py", 2.0, source={"attributed": False}),
]


def test_canvas_import_carries_roster_ids_and_never_a_zero_for_the_ungraded():
    rows = list(csv.reader(io.StringIO(outputs.canvas_csv(RECORDS, "day19", 2.0))))
    by_login = {row[3]: row for row in rows[2:]}
    assert by_login["s001"] == ["Jane Doe", "1234", "SIS-1", "s001", "A", "2"]
    assert by_login["doomed"][5] == "" and by_login["s003"][5] == ""
    assert "unattributed:day19.py" not in by_login


def test_grades_csv_and_junit_list_errors_and_missing_students_without_scores():
    rows = {r["student"]: r for r in csv.DictReader(io.StringIO(outputs.grades_csv(RECORDS)))}
    assert (rows["doomed"]["status"], rows["doomed"]["total"], rows["doomed"]["error"]) == \
           ("grader error", "", "the grader's zygote died")
    assert (rows["s003"]["status"], rows["s003"]["total"]) == ("missing", "")
    suites = {s.get("name"): s for s in ET.fromstring(outputs.junit_xml(RECORDS, "day19")).iter("testsuite")}
    assert suites["doomed"].find("testcase/error") is not None
    assert suites["s003"].find("testcase/skipped") is not None and suites["s003"].find("testcase/error") is None


def test_both_pages_escape_what_a_submission_wrote():
    page = html.feedback_page(RECORDS[1])
    assert "<script>" not in page and "<img" not in page and "&lt;script&gt;" in page
    summary = {"assignment": "day19", "max_score": 2.0, "complete": True, "counts": {"submissions": 5},
               "statistics": analysis.class_statistics(RECORDS), "students": [
                   {"student": r["student"], "score": "", "status": analysis.status(r), "feedback": ""} for r in RECORDS],
               "unattributed": [{"student": HOSTILE, "path": HOSTILE, "reason": HOSTILE}], "missing": [],
               "similarity": {"method": HOSTILE, "pairs": [{"a": HOSTILE, "b": "s001", "score": 0.9}]},
               "grader": "test", "rubric": "0" * 64, "finished_at": "now"}
    report = html.class_report(summary)
    assert "<script>" not in report and "<img" not in report and report.count("<svg") >= 5
    frequent = summary["statistics"]["frequent_failures"]
    assert frequent[0]["students"] == 1 and frequent[0]["message"].startswith("expected <script>")


def test_the_class_report_speaks_the_language_asked_for():
    summary = {"assignment": "day19", "max_score": 2.0, "complete": False, "counts": {"submissions": 5, "graded": 4},
               "statistics": analysis.class_statistics(RECORDS), "students": [
                   {"student": r["student"], "score": "", "status": analysis.status(r), "feedback": ""} for r in RECORDS],
               "unattributed": [], "missing": [], "similarity": None, "grader": "test", "rubric": "0" * 64,
               "finished_at": "now"}
    chinese, english = html.class_report(summary, "zh-TW"), html.class_report(summary, "en")
    assert "day19 — 全班報告" in chinese and "分數分布" in chinese and "這批評分尚未完成" in chinese
    assert "Score distribution" not in chinese and 'lang="zh-Hant-TW"' in chinese
    assert "day19 — class report" in english and "Score distribution" in english and "分數分布" not in english
    both = html.class_report(summary, "both")
    assert "分數分布 / Score distribution" in both
