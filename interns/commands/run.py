"""`interns run`, `resume`, `review`, `retry`, `status`: headless runs (`interns runs` is in runs.py)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer
from rich.console import Console
from rich.markup import escape

from interns import run_options as flags
from interns.exit_codes import ExitCode
from interns.progress import RunProgress, summary_table
from interns.tools.git_repo import GitRepo

if TYPE_CHECKING:  # the run machinery (langgraph, litellm) loads only when a run starts
    from interns.agents.runner import RunResult, Runner

console = Console(stderr=True)


def _stdout_console() -> Console:
    # piped output (CI logs, scripts) gets wide lines instead of wrapped table cells
    import sys

    return Console() if sys.stdout.isatty() else Console(width=200)

REPO_OPTION = flags.REPO
# `--json` means the run's JSON report on every command: a PATH where a command runs something (`-` =
# standard output), a flag printing it where a command only shows something (`interns status --json`)
JSON_REPORT_OPTION = typer.Option(None, "--json", help="Write the JSON report here (`-`: standard output).")
STATE_OPTION = typer.Option(None, "--state", help="Where runs are kept: sqlite or postgres://user@host:port/db (default: INTERNS_STATE, else the config's `state`).")


def _use_state(command: typer.Context, state: Optional[str]) -> None:
    """`--state` wins over INTERNS_STATE and the config: set as INTERNS_STATE while this command runs, so
    every run store it opens sees it, and put back when it ends (the CLI may run in a longer process)."""
    import os

    from interns.state_location import STATE_ENV, state_problem

    if state is None:
        return
    problem = state_problem(state)
    if problem is not None:
        raise typer.BadParameter(problem, param_hint="--state")
    previous = os.environ.get(STATE_ENV)
    os.environ[STATE_ENV] = state

    def restore() -> None:
        if previous is None:
            os.environ.pop(STATE_ENV, None)
        else:
            os.environ[STATE_ENV] = previous

    command.call_on_close(restore)


def _drive(runner: "Runner", json_path: Optional[Path], live: Optional[bool] = None, junit: Optional[Path] = None, summary: Optional[Path] = None) -> "RunResult":
    notice = getattr(runner.sandbox, "notice", None)
    if notice:  # every run, resumed ones too: `--sandbox local` is not isolated
        console.print(f"[yellow]warning: {escape(notice)}[/]", soft_wrap=True)
    task_ids = list(runner.snapshot().get("tasks", {}))
    with RunProgress(runner.record.run_id, task_ids, console=console, live=live) as progress:
        result = runner.run(on_event=progress)
    console.print(summary_table(result.report))
    report = result.report
    # A report that cannot be written is an error line, never another exit code or a skipped report.
    from interns.reports.writers import report_files, write_reports

    for error in write_reports(report, report_files(json_path, junit, summary)):
        console.print(f"[red]error:[/] {escape(error)}", soft_wrap=True)
    if report.get("pushed_branch"):
        console.print(f"result left on branch [bold]{report['pushed_branch']}[/]")
    if result.exit_code is ExitCode.OK:
        where = report["integration_branch"]
        console.print(f"[green]all {report['totals']['tasks']} task(s) merged[/] into [bold]{where}[/]" + (" and fast-forwarded onto your branch" if result.applied else f"  (apply: git merge --ff-only {where})"))
    elif report.get("awaiting_review"):
        tasks = " ".join(report["awaiting_review"])
        console.print(f"[yellow]awaiting review[/]: {tasks}; decide with `interns review {report['run_id']} --approve TASK` or `--reject TASK`")
    elif result.exit_code is ExitCode.INTERRUPTED:
        console.print(f"[yellow]interrupted[/]: resume with `interns resume {report['run_id']}`")
    else:
        console.print(f"[red]{report['status']}[/]: {report['reason']}")
    return result


def run(
    command: typer.Context,
    specs: list[Path] = typer.Argument(None, help="Spec files or folders (default: .interns/specs/*.md)."),
    repo: Path = REPO_OPTION,
    parallel: Optional[int] = flags.PARALLEL,
    model: Optional[str] = flags.MODEL,
    planner_model: Optional[str] = flags.PLANNER_MODEL,
    sandbox: Optional[str] = flags.SANDBOX,
    best_of: Optional[int] = flags.BEST_OF,
    attempts: Optional[int] = flags.ATTEMPTS,
    json_path: Optional[Path] = JSON_REPORT_OPTION,
    record: Optional[Path] = flags.RECORD,
    replay: Optional[Path] = flags.REPLAY,
    allow_dirty: bool = flags.ALLOW_DIRTY,
    apply: bool = typer.Option(False, "--apply", help="Fast-forward your branch to the result when every task merged."),
    live: Optional[bool] = typer.Option(None, "--live/--plain", help="Live table (default on a terminal) or plain lines."),
    junit: Optional[Path] = typer.Option(None, "--junit", help="Write a JUnit XML report here (one test case per task)."),
    summary: Optional[Path] = typer.Option(None, "--summary", help="Append a Markdown summary here (e.g. $GITHUB_STEP_SUMMARY)."),
    changed_since: Optional[str] = typer.Option(None, "--changed-since", help="Only specs added or changed since this git revision (and tasks depending on them)."),
    push_branch: Optional[str] = typer.Option(None, "--push-branch", help="Leave the result on this branch, never over commits the run does not have."),
    context: Optional[str] = typer.Option(None, "--context", help="focused (default) | whole: what the model sees of the files (whole = the naive baseline)."),
    docstring_checks: Optional[int] = flags.DOCSTRING_CHECKS,
    escalate: Optional[str] = typer.Option(None, "--escalate", help="Models a task goes on with when the intern model spent its attempts, e.g. local/qwen2.5-coder-1.5b (comma-separated; '' = none)."),
    state: Optional[str] = STATE_OPTION,
    executor: Optional[str] = flags.EXECUTOR,
    ray_address: Optional[str] = flags.RAY_ADDRESS,
) -> None:
    """Run specs: interns work in parallel, validated changes merge into interns/<run>/integration."""
    from interns.agents.runner import Runner
    from interns.run_options import RunOptions
    from interns.escalation import parse_escalate_flag

    if context not in (None, "focused", "whole"):
        raise typer.BadParameter("must be focused or whole", param_hint="--context")
    _use_state(command, state)
    options = RunOptions(
        repo=str(repo.resolve()), specs=[str(path) for path in specs or []], model=model, planner_model=planner_model, parallel=parallel, sandbox=sandbox,
        best_of=best_of, attempts=attempts, record=str(record.resolve()) if record else None, replay=str(replay.resolve()) if replay else None,
        allow_dirty=allow_dirty, apply=apply, changed_since=changed_since, push_branch=push_branch, context=context, docstring_checks=docstring_checks,
        escalate=None if escalate is None else [step.model for step in parse_escalate_flag(escalate)],
        executor=executor, ray_address=ray_address,
    )
    runner = Runner.prepare(options)
    where = "" if runner.executor.name == "in-process" else f", interns on {runner.executor.name}"
    console.print(f"run [bold]{runner.record.run_id}[/] on {runner.sandbox.name} sandbox" + ("" if runner.sandbox.isolated else " [yellow](not isolated)[/]") + where)
    raise typer.Exit(int(_drive(runner, json_path, live, junit, summary).exit_code))


def resume(
    command: typer.Context,
    run_id: str = typer.Argument(..., help="The run to continue (see `interns runs`)."),
    repo: Path = REPO_OPTION,
    json_path: Optional[Path] = JSON_REPORT_OPTION,
    replay: Optional[Path] = typer.Option(None, "--replay", help="Answer model calls from this cassette."),
    live: Optional[bool] = typer.Option(None, "--live/--plain"),
    state: Optional[str] = STATE_OPTION,
) -> None:
    """Continue a run that was interrupted or killed, from its last checkpoint."""
    from interns.agents.runner import Runner
    from interns.run_options import RunOptions

    _use_state(command, state)
    overrides = RunOptions(replay=str(replay.resolve()) if replay else None)
    runner = Runner.resume(repo.resolve(), run_id, overrides)
    raise typer.Exit(int(_drive(runner, json_path, live).exit_code))


def review(
    run_id: str = typer.Argument(..., help="The run waiting for review."),
    approve: list[str] = typer.Option([], "--approve", help="Task id to merge (repeatable)."),
    reject: list[str] = typer.Option([], "--reject", help="Task id to drop (repeatable)."),
    repo: Path = REPO_OPTION,
    json_path: Optional[Path] = JSON_REPORT_OPTION,
    live: Optional[bool] = typer.Option(None, "--live/--plain"),
) -> None:
    """Approve or reject the merges of `review: manual` tasks, then continue the run."""
    from interns.agents.runner import Runner
    from interns.errors import BadInputError

    decisions = {task: "approve" for task in approve} | {task: "reject" for task in reject}
    if not decisions:
        raise BadInputError("interns review: name at least one task with --approve or --reject")
    runner = Runner.resume(repo.resolve(), run_id, decisions=decisions)
    waiting = runner.awaiting_review()
    unknown = sorted(set(decisions) - set(waiting))
    if unknown:
        raise BadInputError(f"interns review: not awaiting review in run {run_id}: {', '.join(unknown)} (waiting: {', '.join(waiting) or 'none'})")
    raise typer.Exit(int(_drive(runner, json_path, live).exit_code))


def retry(
    run_id: str = typer.Argument(..., help="The run holding the failed tasks."),
    tasks: list[str] = typer.Argument(..., help="Task ids to try again (their skipped dependents follow)."),
    repo: Path = REPO_OPTION,
    json_path: Optional[Path] = JSON_REPORT_OPTION,
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Another model for this try."),
    replay: Optional[Path] = typer.Option(None, "--replay", help="Answer model calls from this cassette."),
    live: Optional[bool] = typer.Option(None, "--live/--plain"),
) -> None:
    """Give failed, conflicted or cancelled tasks of a run another round, then continue the run."""
    from interns.agents.runner import Runner
    from interns.run_options import RunOptions

    overrides = RunOptions(model=model, replay=str(replay.resolve()) if replay else None)
    runner, reset = Runner.retry(repo.resolve(), run_id, tasks, overrides)
    console.print("retrying " + ", ".join(reset))
    raise typer.Exit(int(_drive(runner, json_path, live).exit_code))


def status(
    command: typer.Context,
    run_id: str = typer.Argument(...), repo: Path = REPO_OPTION,
    as_json: bool = typer.Option(False, "--json", help="Print the run's JSON report (what `interns run --json` wrote)."),
    state: Optional[str] = STATE_OPTION,
) -> None:
    """Show a run's tasks and results."""
    from interns.agents.run_store import open_run_store
    from interns.reports.writers import STDOUT, write_json

    _use_state(command, state)
    store = open_run_store(GitRepo(repo).state_dir)
    record = store.load(run_id)
    report = store.read_report(run_id)
    if report is None:
        _stdout_console().print(f"run {run_id}: {record.status} (no report yet; `interns resume {run_id}` continues it)")
        return
    if as_json:  # the same text `--json -` gives when the run ends
        write_json(report, STDOUT)
    else:
        _stdout_console().print(summary_table(report))
