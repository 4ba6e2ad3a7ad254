"""`interns eval`: run the project's task set through the real spine and score it with hidden tests."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from interns.errors import BadInputError, InfrastructureError
from interns.evaluation.harness import EvalOptions, EvalReport, run_eval
from interns.evaluation.outputs import TASK_HEADER, TOTALS_HEADER, task_row, totals_row, write_json, write_markdown
from interns.evaluation.scoring import TaskResult
from interns.evaluation.spine import RunSettings, run_available
from interns.evaluation.taskset import EvalTask, default_tasks_dir, load_taskset, select_tasks
from interns.sandbox_choice import SANDBOX_HELP, check_sandbox_flag

SWEEP_ITEM = re.compile(
    r"^\s*(?:(?P<raw>raw)|(?P<n>\d+)\s*[xX:]\s*(?P<k>\d+)\s*(?:-\s*(?P<context>focused|whole))?(?:-\s*checks(?P<checks>[0-8]))?)\s*(?:@\s*(?P<model>[^\s>]+))?"
    r"(?P<escalate>(?:\s*>\s*[^\s>]+)*)\s*$"
)
CONTEXTS = ("focused", "whole")

app = typer.Typer(
    name="eval",
    help="Evaluate the swarm on the project's task set (hidden tests decide what is solved).",
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},  # as `interns eval` has
    pretty_exceptions_enable=False,
)


def parse_sweep(text: str) -> list[RunSettings]:
    """"raw,1x3,8x3,1x3-whole,raw@local/qwen2.5-coder-1.5b,1x3>local/qwen2.5-coder-1.5b": the raw-model
    baseline or best-of N x attempts K per setting, optionally with the context mode, the docstring-check
    answers (`-checks0` turns the ranking off), its own model (`@MODEL`) and a cascade (`>MODEL`, repeatable)."""
    settings: list[RunSettings] = []
    for item in text.split(","):
        match = SWEEP_ITEM.match(item)
        if not match or (not match.group("raw") and (int(match.group("n")) < 1 or int(match.group("k")) < 1)):
            raise BadInputError(
                f"--sweep: '{item.strip()}' is not raw or NxK[-whole|-focused][-checksC], each optionally @MODEL, NxK also >MODEL (a cascade) "
                "(best-of N x attempts K, both >= 1), e.g. --sweep raw,1x3,8x3,raw@local/qwen2.5-coder-1.5b,1x3>local/qwen2.5-coder-1.5b"
            )
        escalate = tuple(step.strip() for step in match.group("escalate").split(">") if step.strip()) or None
        if match.group("raw") and escalate:
            raise BadInputError(f"--sweep: '{item.strip()}': the raw model answers once, it has no cascade")
        if match.group("raw"):
            settings.append(RunSettings(raw=True, model=match.group("model")))
        else:
            checks = int(match.group("checks")) if match.group("checks") is not None else None
            settings.append(RunSettings(
                best_of=int(match.group("n")), attempts=int(match.group("k")), context=match.group("context"), model=match.group("model"), escalate=escalate, docstring_checks=checks,
            ))
    return list(dict.fromkeys(settings))


def _print_tasks(console: Console, tasks: list[EvalTask]) -> None:
    table = Table(title=f"{len(tasks)} evaluation tasks")
    for column in ("task", "kind", "difficulty", "split", "summary"):
        table.add_column(column)
    for task in tasks:
        table.add_row(task.name, task.kind, task.difficulty, task.split, task.meta.summary)
    console.print(table)


def _check(console: Console, tasks: list[EvalTask], jobs: int) -> None:
    from interns.evaluation.pytest_worker import PytestWorker
    from interns.evaluation.validation import validate_taskset

    failures = 0

    def done(outcome) -> None:  # type: ignore[no-untyped-def]
        nonlocal failures
        status = "[green]ok[/green]" if outcome.ok else "[red]BROKEN[/red]"
        console.print(f"{status} {outcome.task} ({outcome.spine_tasks} spine task(s))")
        for problem in outcome.problems:
            failures += 1
            console.print("    " + problem, markup=False)

    validate_taskset(tasks, jobs=jobs, runner_factory=PytestWorker, on_done=done)
    if failures:
        raise BadInputError(f"the task set has {failures} problem(s)")
    console.print(f"all {len(tasks)} tasks valid: acceptance fails at start; the reference solutions pass acceptance and hidden tests")


def _print_report(console: Console, report: EvalReport, per_task: bool) -> None:
    if per_task:
        for run in report.runs:
            table = Table(title=run.label)
            for column in TASK_HEADER:
                table.add_column(column, overflow="fold")
            for result in run.results:
                row = task_row(result)
                row[5] = "[red]yes[/red]" if result.false_done else "no"
                row[3] = "[green]yes[/green]" if result.solved else "no"
                table.add_row(*row)
            console.print(table)
    totals = Table(title=f"interns eval: {report.model_used or report.model or 'configured default model'}")
    for column in TOTALS_HEADER:
        totals.add_column(column)
    for run in report.runs:
        totals.add_row(*totals_row(run.label, run.totals))
    console.print(totals)
    for run in report.runs:
        if run.totals.failure_reasons:
            top = ", ".join(f"{reason} ({count})" for reason, count in list(run.totals.failure_reasons.items())[:5])
            console.print(f"[bold]{run.label}[/bold] failed most: {top}", highlight=False)


def eval_command(
    tasks: Annotated[Optional[list[str]], typer.Argument(help="task names, name prefixes (impl-) or kind:KIND; default all", show_default=False)] = None,
    model: Annotated[Optional[str], typer.Option("--model", "-m", help="intern model (litellm string or local/<name>); default: the repos' config")] = None,
    best_of: Annotated[Optional[int], typer.Option("--best-of", min=1, help="override every task's best_of")] = None,
    attempts: Annotated[Optional[int], typer.Option("--attempts", min=1, help="override every task's budget.attempts")] = None,
    parallel: Annotated[Optional[int], typer.Option("--parallel", "-j", min=1, help="interns at once inside each run (-j is --parallel on every command)")] = None,
    sandbox: Annotated[Optional[str], typer.Option("--sandbox", callback=check_sandbox_flag, help=SANDBOX_HELP)] = None,
    sweep: Annotated[Optional[str], typer.Option("--sweep", help="several settings, e.g. raw,1x3,8x3,8x3-checks0 (raw: the model answering once; NxK: best-of N x attempts K; -checksC: C docstring-check answers, 0 = off; @MODEL: that setting's model)")] = None,
    out: Annotated[Optional[Path], typer.Option("--out", help="output folder (default eval-results/<time>)")] = None,
    replay: Annotated[Optional[Path], typer.Option("--replay", help="answer from a cassette: one file for all tasks, or a folder of <task>.jsonl")] = None,
    record: Annotated[Optional[Path], typer.Option("--record", help="record every model call into this folder (<task>.jsonl)")] = None,
    context: Annotated[Optional[str], typer.Option("--context", help="focused | whole: the context mode of every run (whole = the naive baseline)")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="keep the results already in --out (a killed evaluation goes on where it stopped)")] = False,
    jobs: Annotated[int, typer.Option("--jobs", min=1, help="tasks evaluated at once (no short flag: -j is --parallel)")] = 1,
    timeout: Annotated[float, typer.Option("--timeout", min=1, help="seconds allowed per task's run")] = 3600.0,
    tasks_dir: Annotated[Optional[Path], typer.Option("--tasks-dir", help="task set folder (default bench/tasks)")] = None,
    split: Annotated[Optional[str], typer.Option("--split", help="dev (tune on it) | test (report on it); default both")] = None,
    keep: Annotated[bool, typer.Option("--keep", help="keep each task's scratch repository")] = False,
    no_plot: Annotated[bool, typer.Option("--no-plot", help="skip the PNG plot")] = False,
    fail_under: Annotated[Optional[float], typer.Option("--fail-under", min=0, max=100, help="exit 1 when the solved % of a setting is below this")] = None,
    check: Annotated[bool, typer.Option("--check", help="validate the task set with its reference solutions instead")] = False,
    list_tasks: Annotated[bool, typer.Option("--list", help="list the tasks and exit")] = False,
) -> None:
    """Run the task set through `interns run` and score each result with the task's hidden tests.

    Writes results.json, results.md and solved.png into --out; exit 0 when every task was evaluated.
    """
    console = Console()
    if not console.is_terminal:
        console = Console(width=max(console.width, 200))  # logs and CI: don't squeeze the tables to 80 columns
    root = (tasks_dir or default_tasks_dir()).resolve()
    chosen = select_tasks(load_taskset(root), tasks, split)
    if list_tasks:
        _print_tasks(console, chosen)
        return
    if check:
        _check(console, chosen, jobs)
        return
    if replay is not None and not replay.exists():
        raise BadInputError(f"--replay: {replay} does not exist")
    if context is not None and context not in CONTEXTS:
        raise BadInputError(f"--context: '{context}' is not one of {', '.join(CONTEXTS)}")
    if sweep and (best_of is not None or attempts is not None):
        raise BadInputError("--sweep sets best-of and attempts itself: drop --best-of/--attempts")
    if resume and out is None:
        raise BadInputError("--resume needs --out: the folder of the evaluation to go on with")
    items = parse_sweep(sweep) if sweep else [RunSettings(best_of=best_of, attempts=attempts)]
    name_models = len({item.model or model for item in items}) > 1
    settings = [replace(item, model=item.model or model, sandbox=sandbox, parallel=parallel, context=item.context or context, name_model=name_models) for item in items]
    if not no_plot:
        from interns.evaluation.plot import require_matplotlib

        require_matplotlib()
    if not run_available():
        raise InfrastructureError("`interns run` is not available in this installation (the spine has not landed?)")
    out_dir = (out or Path("eval-results") / dt.datetime.now().strftime("%Y%m%d-%H%M%S")).resolve()
    options = EvalOptions(
        out_dir=out_dir,
        replay=replay.resolve() if replay else None,
        record=record.resolve() if record else None,
        timeout=timeout,
        jobs=jobs,
        keep=keep,
        sweeping=len(settings) > 1,
        resume=resume,
    )
    total = len(chosen) * len(settings)
    if console.is_terminal:
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console) as progress:
            bar = progress.add_task("evaluating", total=total)

            def on_event(kind: str, task: EvalTask, setting: RunSettings, result: TaskResult | None) -> None:
                if kind == "start":
                    progress.update(bar, description=f"{setting.label}: {task.name}")
                else:
                    progress.advance(bar)
                    assert result is not None
                    progress.console.print(_line(task, setting, result), highlight=False)

            report = run_eval(chosen, settings, options, root, on_event)
    else:
        done = 0

        def on_event(kind: str, task: EvalTask, setting: RunSettings, result: TaskResult | None) -> None:
            nonlocal done
            if kind == "done":
                done += 1
                assert result is not None
                typer.echo(f"[{done}/{total}] " + _line(task, setting, result))

        report = run_eval(chosen, settings, options, root, on_event)
    json_path = write_json(report, out_dir / "results.json")
    md_path = write_markdown(report, out_dir / "results.md")
    _print_report(console, report, per_task=len(chosen) <= 60)
    written = [json_path, md_path]
    if not no_plot:
        from interns.evaluation.plot import plot_report

        written.append(plot_report(report, out_dir / "solved.png"))
    console.print("wrote " + ", ".join(str(path) for path in written), highlight=False)
    if all(result.error for run in report.runs for result in run.results):
        raise InfrastructureError("no task could be evaluated (see the logs under " + str(out_dir / "runs") + ")")
    if fail_under is not None and any(run.totals.solved_pct < fail_under for run in report.runs):
        raise typer.Exit(1)


def _line(task: EvalTask, setting: RunSettings, result: TaskResult) -> str:
    verdict = "solved" if result.solved else ("FALSE DONE" if result.false_done else "unsolved")
    extra = f" ({result.error})" if result.error else ""
    return f"{setting.label}: {task.name}: {verdict}, {result.attempts} attempt(s), {result.tokens} tokens, {result.seconds:.1f} s{extra}"


app.command("eval")(eval_command)


def main() -> None:
    """`python -m interns.evaluation.cli`: the same exit codes as `interns eval`."""
    import sys

    from interns.errors import InternsError

    try:
        app(prog_name="interns eval")
    except InternsError as error:
        typer.echo(f"interns eval: {error}", err=True)
        for problem in getattr(error, "problems", []):
            typer.echo(problem, err=True)
        sys.exit(int(error.exit_code))


if __name__ == "__main__":
    main()
