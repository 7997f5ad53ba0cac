"""JUnit XML for CI dashboards: a testsuite per task, a testcase per check (stdlib ElementTree).

The points ride along where JUnit readers keep extra data: the total as ``score`` and ``max_score``
attributes of ``<testsuites>`` (readers ignore attributes they do not know), and each task's as
attributes and ``<properties>`` of its ``<testsuite>`` (the element the schema gives properties to).
"""
from __future__ import annotations

import xml.etree.ElementTree as ET


def _points(value: float) -> str:
    return f"{value:g}"


def to_junit(report) -> str:
    suites = ET.Element("testsuites", name=f"classic-grade {report.assignment}",
                        tests=str(sum(len(t.checks) for t in report.tasks)),
                        failures=str(sum(not c.passed for t in report.tasks for c in t.checks)),
                        time=f"{report.elapsed_s:.3f}", score=_points(report.score),
                        max_score=_points(report.max_score))
    for task in report.tasks:
        suite = ET.SubElement(suites, "testsuite", name=task.name, tests=str(len(task.checks)),
                              failures=str(sum(not c.passed for c in task.checks)), time=f"{task.elapsed_s:.3f}",
                              score=_points(task.score), max_score=_points(task.max_score))
        ET.SubElement(suite, "properties").extend(
            [ET.Element("property", name="score", value=_points(task.score)),
             ET.Element("property", name="max_score", value=_points(task.max_score)),
             ET.Element("property", name="assignment_score", value=_points(report.score)),
             ET.Element("property", name="assignment_max_score", value=_points(report.max_score)),
             ET.Element("property", name="needs_review", value="true" if task.needs_review else "false")])
        for check in task.checks:
            case = ET.SubElement(suite, "testcase", classname=f"{report.assignment}.{task.name}", name=check.name)
            ET.SubElement(case, "properties").extend(
                [ET.Element("property", name="points", value=_points(check.points)),
                 ET.Element("property", name="visibility", value=check.visibility),
                 ET.Element("property", name="needs_review", value="true" if check.needs_review else "false")])
            if not check.passed:
                failure = ET.SubElement(case, "failure", message=check.message.splitlines()[0] if check.message else "failed")
                failure.text = check.message
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True)
