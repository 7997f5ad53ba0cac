"""JUnit XML for CI dashboards: a testsuite per task, a testcase per check (stdlib ElementTree).

The points ride along where JUnit readers keep extra data: the total as ``score`` and ``max_score``
attributes of ``<testsuites>`` (readers ignore attributes they do not know), and each task's as
attributes and ``<properties>`` of its ``<testsuite>`` (the element the schema gives properties to).
"""
from __future__ import annotations

import xml.etree.ElementTree as ET

from ..messages import DEFAULT, render
from ..safe_text import REPORT_CHARS, clean_text


def _text(value) -> str:
    """XML 1.0 forbids most control characters (ElementTree writes them anyway) and UTF-8 cannot
    hold a lone surrogate: both are escaped, and the length capped."""
    return clean_text(value, REPORT_CHARS)


def _points(value: float) -> str:
    return f"{value:g}"


def to_junit(report, lang: str = DEFAULT) -> str:
    suites = ET.Element("testsuites", name=_text(f"classic-grade {report.assignment}"),
                        tests=str(sum(len(t.checks) for t in report.tasks)),
                        failures=str(sum(not c.passed for t in report.tasks for c in t.checks)),
                        time=f"{report.elapsed_s:.3f}", score=_points(report.score),
                        max_score=_points(report.max_score))
    for task in report.tasks:
        suite = ET.SubElement(suites, "testsuite", name=_text(task.name), tests=str(len(task.checks)),
                              failures=str(sum(not c.passed for c in task.checks)), time=f"{task.elapsed_s:.3f}",
                              score=_points(task.score), max_score=_points(task.max_score))
        ET.SubElement(suite, "properties").extend(
            [ET.Element("property", name="score", value=_points(task.score)),
             ET.Element("property", name="max_score", value=_points(task.max_score)),
             ET.Element("property", name="assignment_score", value=_points(report.score)),
             ET.Element("property", name="assignment_max_score", value=_points(report.max_score)),
             ET.Element("property", name="needs_review", value="true" if task.needs_review else "false")])
        for check in task.checks:
            case = ET.SubElement(suite, "testcase", classname=_text(f"{report.assignment}.{task.name}"),
                                 name=_text(check.name))
            ET.SubElement(case, "properties").extend(
                [ET.Element("property", name="points", value=_points(check.points)),
                 ET.Element("property", name="visibility", value=_text(check.visibility)),
                 ET.Element("property", name="needs_review", value="true" if check.needs_review else "false")])
            if not check.passed:
                message = _text(render(check.message, lang))
                failure = ET.SubElement(case, "failure", message=message.splitlines()[0] if message else "failed")
                failure.text = message
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True)
