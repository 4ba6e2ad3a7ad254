"""The run as JUnit XML: one test case per task, failures carrying the acceptance output.

Every text taken from the run (names, reasons, command output) goes through `xml_safe`: one terminal
escape in a command's output must not make the file unreadable for the CI system.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from junitparser import Error, Failure, JUnitXml, Skipped, TestCase, TestSuite

from interns.reports.xml_text import xml_safe

FAILED = {"failed", "conflicted", "budget_exhausted", "rejected"}
NOT_RUN = {"skipped", "cancelled", "pending", "validated"}


def junit_xml(report: dict[str, Any]) -> JUnitXml:
    suite = TestSuite(xml_safe(f"interns run {report['run_id']}"))
    suite.timestamp = None
    for task in report["tasks"]:
        case = TestCase(xml_safe(task["id"]), classname=xml_safe(f"interns.{task['spec_id']}"), time=float(task["seconds"]))
        status = task["status"]
        message = xml_safe(f"{status}" + (f": {task['reason']}" if task.get("reason") else ""))
        if status in FAILED:
            case.result = [Failure(message, type_=status)]
            case.result[0].text = xml_safe(task.get("failing_output") or "") or message
        elif status == "infra_error":
            case.result = [Error(message, type_="infrastructure")]
            case.result[0].text = xml_safe(task.get("failing_output") or "") or message
        elif status in NOT_RUN:
            case.result = [Skipped(message)]
        details = f"attempts: {task['attempts']}, tokens: {task['tokens']}, branch: {task['branch']}, merge commit: {task.get('merge_commit')}"
        if task.get("tiers"):  # the cascade: which model solved it, what each spent
            details += f", solved by: {task.get('tier')}; " + "; ".join(f"{tier['model']}: {tier['attempts']} attempt(s), {tier['tokens']} tokens, {tier['seconds']:.0f} s" for tier in task["tiers"])
        case.system_out = xml_safe(details)
        suite.add_testcase(case)
    suite.update_statistics()
    xml = JUnitXml("interns")
    xml.add_testsuite(suite)
    xml.update_statistics()
    return xml


def write_junit(report: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    junit_xml(report).write(str(path), pretty=True)
