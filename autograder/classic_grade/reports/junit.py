"""JUnit XML for CI dashboards: a testsuite per task, a testcase per check (stdlib ElementTree)."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from ..safe_text import REPORT_CHARS, clean_text


def _text(value) -> str:
    """XML 1.0 forbids most control characters (ElementTree writes them anyway) and UTF-8 cannot
    hold a lone surrogate: both are escaped, and the length capped."""
    return clean_text(value, REPORT_CHARS)


def to_junit(report) -> str:
    suites = ET.Element("testsuites", name=_text(f"classic-grade {report.assignment}"),
                        tests=str(sum(len(t.checks) for t in report.tasks)),
                        failures=str(sum(not c.passed for t in report.tasks for c in t.checks)),
                        time=f"{report.elapsed_s:.3f}")
    for task in report.tasks:
        suite = ET.SubElement(suites, "testsuite", name=_text(task.name), tests=str(len(task.checks)),
                              failures=str(sum(not c.passed for c in task.checks)), time=f"{task.elapsed_s:.3f}")
        for check in task.checks:
            case = ET.SubElement(suite, "testcase", classname=_text(f"{report.assignment}.{task.name}"),
                                 name=_text(check.name))
            ET.SubElement(case, "properties").extend(
                [ET.Element("property", name="points", value=f"{check.points:g}"),
                 ET.Element("property", name="visibility", value=_text(check.visibility))])
            if not check.passed:
                message = _text(check.message)
                failure = ET.SubElement(case, "failure", message=message.splitlines()[0] if message else "failed")
                failure.text = message
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True)
