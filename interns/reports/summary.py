"""The run as Markdown: a table for `$GITHUB_STEP_SUMMARY` or a pull request comment."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from interns.agents.task_status import status_emoji



def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _fence(text: str) -> str:
    """A code fence longer than any backtick run in `text`, so the text cannot close it early."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def markdown_summary(report: dict[str, Any]) -> str:
    totals = report["totals"]
    lines = [
        f"## interns run `{report['run_id']}`: {report['status']}",
        "",
        f"{totals['merged']} of {totals['tasks']} task(s) merged into `{report['integration_branch']}`"
        + (f" ({report['integration_commit'][:12]})" if report.get("integration_commit") else "")
        + f"; {totals['tokens']} tokens, {report['seconds']:.0f} s, model `{report['model']['intern']}`, {report['sandbox']} sandbox.",
        "",
    ]
    if report.get("reason"):
        lines += [f"**Reason:** {_cell(report['reason'])}", ""]
    cascade = any(len(task.get("tiers") or []) > 1 for task in report["tasks"])
    if cascade and totals.get("solved_by_tier"):
        lines += ["Solved by " + ", ".join(f"`{model}`: {count}" for model, count in totals["solved_by_tier"].items()) + ".", ""]
    header = "| task | status | attempts | tokens | time (s) | merge commit |" + (" solved by | per model |" if cascade else "")
    lines += [header, "| --- | --- | ---: | ---: | ---: | --- |" + (" --- | --- |" if cascade else "")]
    for task in report["tasks"]:
        status = f"{status_emoji(task['status'])} {task['status']}" + (f" ({task['reason']})" if task.get("reason") else "")
        commit = f"`{task['merge_commit'][:12]}`" if task.get("merge_commit") else ""
        row = f"| `{_cell(task['id'])}` | {_cell(status.strip())} | {task['attempts']} | {task['tokens']} | {task['seconds']:.1f} | {commit} |"
        if cascade:
            spent = "; ".join(f"{tier['model']}: {tier['attempts']} attempt(s), {tier['tokens']} tokens, {tier['seconds']:.0f} s" for tier in task.get("tiers") or [])
            row += f" {_cell(task.get('tier') or '')} | {_cell(spent)} |"
        lines.append(row)
    failing = [task for task in report["tasks"] if task.get("failing_output") and task["status"] != "merged"]
    for task in failing:
        output = task["failing_output"].strip()[-4000:]
        fence = _fence(output)
        lines += ["", f"<details><summary>{_cell(task['id'])}: failing output</summary>", "", fence, output, fence, "</details>"]
    return "\n".join(lines) + "\n"


def write_summary(report: dict[str, Any], path: Path) -> None:
    """Appends: `$GITHUB_STEP_SUMMARY` collects every step's summary in one file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(markdown_summary(report))
