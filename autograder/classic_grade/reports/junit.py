"""JUnit XML for CI dashboards: a testsuite per task, a testcase per check (stdlib ElementTree)."""
from __future__ import annotations

import xml.etree.ElementTree as ET


def to_junit(report) -> str:
    suites = ET.Element("testsuites", name=f"classic-grade {report.assignment}",
                        tests=str(sum(len(t.checks) for t in report.tasks)),
                        failures=str(sum(not c.passed for t in report.tasks for c in t.checks)),
                        time=f"{report.elapsed_s:.3f}")
    for task in report.tasks:
        suite = ET.SubElement(suites, "testsuite", name=task.name, tests=str(len(task.checks)),
                              failures=str(sum(not c.passed for c in task.checks)), time=f"{task.elapsed_s:.3f}")
        ET.SubElement(suite, "properties").append(
            ET.Element("property", name="needs_review", value="true" if task.needs_review else "false"))
        for check in task.checks:
            case = ET.SubElement(suite, "testcase", classname=f"{report.assignment}.{task.name}", name=check.name)
            ET.SubElement(case, "properties").extend(
                [ET.Element("property", name="points", value=f"{check.points:g}"),
                 ET.Element("property", name="visibility", value=check.visibility),
                 ET.Element("property", name="needs_review", value="true" if check.needs_review else "false")])
            if not check.passed:
                failure = ET.SubElement(case, "failure", message=check.message.splitlines()[0] if check.message else "failed")
                failure.text = check.message
    ET.indent(suites)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True)
