"""What a batch writes into its output folder.

Per student (``students/<id>/``): ``report.json`` (the report contract plus the student id and the
batch's own record), Gradescope's ``results.json`` and ``feedback.html``. Per class: ``grades.csv``,
``canvas.csv`` (Canvas gradebook import), ``junit.xml``, ``summary.json`` and ``class-report.html``.
Every file is written atomically. The per-student formats are the single-grading ones
(``reports.to_gradescope``), fed from the stored record through a read-only view.
"""
from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from types import SimpleNamespace

from ..messages import DEFAULT
from ..reports import to_gradescope
from ..reports.json_report import in_language
from . import analysis, html
from .store import Store, write_atomic, write_json

CLASS_FILES = ("grades.csv", "canvas.csv", "junit.xml", "summary.json", "class-report.html")
CANVAS_FIXED = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")


def report_view(record: dict):
    """The stored dict seen as a Report (attributes, not keys), for the single-grading writers."""
    tasks = [SimpleNamespace(name=t["name"], score=t["score"], max_score=t["max_score"], elapsed_s=0.0,
                             checks=[SimpleNamespace(name=c["name"], score=c["score"], points=c["max_score"],
                                                     passed=c["passed"], visibility=c["visibility"],
                                                     message=c["message"], needs_review=c.get("needs_review", False))
                                     for c in t["checks"]],
                             needs_review=t.get("needs_review", False), mistake=t.get("mistake"))
             for t in record["tasks"]]
    return SimpleNamespace(assignment=record["assignment"], score=record["score"], max_score=record["max_score"],
                           elapsed_s=record.get("elapsed_s", 0.0), tasks=tasks, notes=list(record.get("notes", [])),
                           errors=list(record.get("errors", [])), needs_review=list(record.get("needs_review", [])))


def write_student(store: Store, record: dict, lang: str = DEFAULT) -> dict:
    """The student's record and the pages made from it, in ``lang`` (a grader error gets its page, no
    grade); returns the record as written."""
    folder = store.folder(record["student"])
    graded = analysis.status(record) == "graded"
    if graded:
        record = in_language(record, lang)
    store.put(record)
    if graded:
        write_atomic(folder / "results.json", to_gradescope(report_view(record), lang) + "\n")
    else:
        (folder / "results.json").unlink(missing_ok=True)
    write_atomic(folder / "feedback.html", html.feedback_page(record, lang))
    return record


def _columns(records: list[dict]) -> tuple[list[str], list[tuple[str, str]]]:
    """Task and check columns in rubric order, from the first graded record that has them all."""
    tasks: list[str] = []
    checks: list[tuple[str, str]] = []
    for record in analysis.graded(records):
        for task in record["tasks"]:
            if task["name"] not in tasks:
                tasks.append(task["name"])
            for check in task["checks"]:
                if (task["name"], check["name"]) not in checks:
                    checks.append((task["name"], check["name"]))
    return tasks, checks


def grades_csv(records: list[dict]) -> str:
    tasks, checks = _columns(records)
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(["student", "total", "max_score", "status", "needs_review", "attributed", *tasks,
                     *(f"{t}: {c}" for t, c in checks), "error", "sha256", "path"])
    for record in records:
        state = analysis.status(record)
        source = record.get("batch", {}).get("source", {})
        by_task = {t["name"]: t for t in record.get("tasks", [])} if state == "graded" else {}
        by_check = {(t["name"], c["name"]): c for t in by_task.values() for c in t["checks"]}
        writer.writerow([
            record["student"],
            f"{record['score']:g}" if state == "graded" else "",
            f"{record['max_score']:g}" if state == "graded" else "",
            state, "yes" if record.get("needs_review") else "", "no" if source.get("attributed") is False else "yes",
            *(f"{by_task[t]['score']:g}" if t in by_task else "" for t in tasks),
            *(f"{by_check[k]['score']:g}" if k in by_check else "" for k in checks),
            record.get("grader_error") or record.get("source_error") or "",
            record.get("submission", {}).get("sha256", ""), source.get("path") or "",
        ])
    return stream.getvalue()


def canvas_csv(records: list[dict], assignment: str, points: float) -> str:
    """Canvas's gradebook import: the fixed identity columns, the assignment's column, and the
    "Points Possible" row. Ungraded students are left blank (Canvas keeps their grade), never 0."""
    stream = io.StringIO()
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow([*CANVAS_FIXED, assignment])
    writer.writerow(["Points Possible", "", "", "", "", f"{points:g}"])
    for record in records:
        source = record.get("batch", {}).get("source", {})
        if source.get("attributed") is False:
            continue                        # nobody to credit: listed in the summary instead
        state = analysis.status(record)
        writer.writerow([source.get("roster_name") or record["student"],
                         source.get("canvas_id") or source.get("roster_canvas_id", ""),
                         source.get("roster_sis_id", ""), record["student"], source.get("roster_section", ""),
                         f"{record['score']:g}" if state == "graded" else ""])
    return stream.getvalue()


def junit_xml(records: list[dict], assignment: str) -> str:
    """One testsuite per student, one testcase per check; a grader error is an <error>."""
    done = analysis.graded(records)
    suites = ET.Element("testsuites", name=f"classic-grade {assignment} batch",
                        tests=str(sum(len(t["checks"]) for r in done for t in r["tasks"])),
                        failures=str(sum(not c["passed"] for r in done for t in r["tasks"] for c in t["checks"])),
                        errors=str(sum(analysis.status(r) in ("grader error", "source error") for r in records)))
    for record in records:
        state = analysis.status(record)
        suite = ET.SubElement(suites, "testsuite", name=record["student"])
        if state == "missing":
            case = ET.SubElement(suite, "testcase", classname=f"{assignment}.{record['student']}", name=state)
            ET.SubElement(case, "skipped", message="on the roster, no submission")
            suite.set("tests", "1")
            suite.set("skipped", "1")
            continue
        if state != "graded":
            case = ET.SubElement(suite, "testcase", classname=f"{assignment}.{record['student']}", name=state)
            text = record.get("grader_error") or record.get("source_error") or state
            ET.SubElement(case, "error", message=text.splitlines()[0][:200], type=state).text = text
            suite.set("tests", "1")
            suite.set("errors", "1")
            continue
        suite.set("tests", str(sum(len(t["checks"]) for t in record["tasks"])))
        suite.set("failures", str(sum(not c["passed"] for t in record["tasks"] for c in t["checks"])))
        suite.set("time", f"{record.get('elapsed_s', 0.0):.3f}")
        for task in record["tasks"]:
            for check in task["checks"]:
                case = ET.SubElement(suite, "testcase", classname=f"{assignment}.{record['student']}.{task['name']}",
                                     name=check["name"])
                if not check["passed"]:
                    first = check["message"].splitlines()[0] if check["message"] else "failed"
                    ET.SubElement(case, "failure", message=first[:200]).text = check["message"]
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True)


def write_class(out, records: list[dict], summary: dict, assignment: str, points: float, lang: str = DEFAULT) -> None:
    write_atomic(out / "grades.csv", grades_csv(records))
    write_atomic(out / "canvas.csv", canvas_csv(records, assignment, points))
    write_atomic(out / "junit.xml", junit_xml(records, assignment))
    write_json(out / "summary.json", summary)
    write_atomic(out / "class-report.html", html.class_report(summary, lang))
