"""The run as JUnit XML: one test case per task, failures carrying the acceptance output."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from junitparser import Error, Failure, JUnitXml, Skipped, SystemOut, TestCase, TestSuite

FAILED = {"failed", "conflicted", "budget_exhausted", "rejected"}
NOT_RUN = {"skipped", "cancelled", "pending", "validated"}


def junit_xml(report: dict[str, Any]) -> JUnitXml:
    suite = TestSuite(f"interns run {report['run_id']}")
    suite.timestamp = None
    for task in report["tasks"]:
        case = TestCase(task["id"], classname=f"interns.{task['spec_id']}", time=float(task["seconds"]))
        status = task["status"]
        message = f"{status}" + (f": {task['reason']}" if task.get("reason") else "")
        if status in FAILED:
            case.result = [Failure(message, type_=status)]
            case.result[0].text = task.get("failing_output") or message
        elif status == "infra_error":
            case.result = [Error(message, type_="infrastructure")]
            case.result[0].text = task.get("failing_output") or message
        elif status in NOT_RUN:
            case.result = [Skipped(message)]
        details = f"attempts: {task['attempts']}, tokens: {task['tokens']}, branch: {task['branch']}, merge commit: {task.get('merge_commit')}"
        case.system_out = details
        suite.add_testcase(case)
    suite.update_statistics()
    xml = JUnitXml("interns")
    xml.add_testsuite(suite)
    xml.update_statistics()
    return xml


def write_junit(report: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    junit_xml(report).write(str(path), pretty=True)
