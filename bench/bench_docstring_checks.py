"""How good are the checks a model writes from a function's docstring (agents/docstring_checks.py)?

    python bench/bench_docstring_checks.py --split dev
    python bench/bench_docstring_checks.py --split dev --model local/qwen2.5-coder-1.5b --answers 2 --json out.json

For every implement/bugfix task of the split whose change lies inside one function (the intern's function
form), the model is asked for checks exactly as an intern asks (same prompt, prefill, answers, parser),
and the checks run in the Docker sandbox against the task's reference solution and its starting code:

- precision: the share of checks the reference solution passes (a failed one is a wrong check);
- separating: the task's reference passes more checks than its starting code (for a bug fix: the checks
  see the bug; a stub fails everything, so implement tasks are told apart);
- tasks without a usable check (nothing parsed) are counted.

The ranking in the intern needs wrong checks to be rare and bugs to be seen: a check that the reference
fails costs nothing when every candidate fails it too, but one that only a wrong candidate passes would
choose that candidate. Public benchmark problems are not used: the task set is the project's own.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from interns.agents.docstring_checks import MAX_TOKENS, Checks, checks_command, checks_messages, checks_prefill, checks_stop, merge_checks, new_nonce, parse_checks, read_results
from interns.agents.function_form import FunctionTarget, find_targets
from interns.agents.models.client import ModelClient
from interns.agents.models.registry import supports_prefill
from interns.evaluation.taskset import EvalTask, load_taskset, select_tasks
from interns.evaluation.workspace import apply_patch, copy_task_repo
from interns.sandbox.protocol import SandboxRequest
from interns.sandbox.registry import select_backend
from interns.specs.loader import load_specs

TEMPERATURE = 0.7  # as models.temperature: the intern's sampled answers


@dataclass
class TaskFigures:
    task: str
    kind: str
    checks: int
    reference_passed: int | None  # None: the checks could not run
    start_passed: int | None
    seconds: float


def cpu_name() -> str:
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        return next((line.split(":", 1)[1].strip() for line in out.splitlines() if line.startswith("Model name")), "unknown")
    except OSError:
        return "unknown"


def target_of(task: EvalTask, start: Path) -> FunctionTarget | None:
    specs = load_specs(start)
    if len(specs.tasks) != 1:
        return None  # several tasks: not one function
    targets = find_targets(specs.tasks[0], start)
    return targets[0] if targets else None


def ask_checks(client: ModelClient, model: str, target: FunctionTarget, answers: int, max_tokens: int) -> Checks:
    prefill = supports_prefill(model, "auto")
    messages = checks_messages(target, prefill)
    prefill_text = checks_prefill(target) if prefill else None
    def ask(sample: int) -> Checks:
        reply = client.complete(
            model, messages, temperature=0.0 if sample == 1 else TEMPERATURE, max_tokens=max_tokens, seed=900 + sample,
            prefill=prefill_text, stop=checks_stop() if prefill else None,
        )
        return parse_checks(reply.text, target.bare_name, prefill_text)

    with ThreadPoolExecutor(max_workers=answers) as pool:  # at once, as the intern asks them
        return merge_checks(list(pool.map(ask, range(1, answers + 1))))


def passed_count(backend, tree: Path, name: str, target: FunctionTarget, checks: Checks) -> int | None:
    nonce = new_nonce()
    sandbox = backend.start(SandboxRequest(worktree=tree, run_id="bench-checks", task_id=name))
    try:
        result = sandbox.exec(checks_command(target, checks, nonce), timeout=120)
    finally:
        sandbox.stop()
    results = read_results(result.output, nonce, len(checks.tests))
    return None if results is None else sum(results)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", default="dev")
    parser.add_argument("--model", default="local/qwen2.5-coder-0.5b")
    parser.add_argument("--answers", type=int, default=2, help="check answers per task (models.docstring_checks)")
    parser.add_argument("--max-tokens", type=int, default=MAX_TOKENS)
    parser.add_argument("--jobs", type=int, default=4, help="tasks at once (the server batches their requests)")
    parser.add_argument("--tasks-dir", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    console = Console()
    console.print(f"CPU: {cpu_name()} · model {args.model} · {args.answers} answers · split {args.split}")

    tasks = [task for task in select_tasks(load_taskset(args.tasks_dir), None, args.split) if task.kind in ("implement", "bugfix")]
    client = ModelClient()
    backend = select_backend("docker").backend
    figures: list[TaskFigures] = []
    with Progress(console=console) as progress, tempfile.TemporaryDirectory(prefix="bench-checks-") as scratch:
        bar = progress.add_task("tasks", total=len(tasks))

        def measure(task: EvalTask) -> None:
            started = time.monotonic()
            start = copy_task_repo(task, Path(scratch) / task.name / "start")
            target = target_of(task, start)
            if target is not None and "." not in target.name:
                reference = Path(scratch) / task.name / "reference"
                shutil.copytree(start, reference)
                apply_patch(task.solution, reference)
                checks = ask_checks(client, args.model, target, args.answers, args.max_tokens)
                on_reference = passed_count(backend, reference, task.name, target, checks) if checks.tests else None
                on_start = passed_count(backend, start, task.name, target, checks) if checks.tests else None
                figures.append(TaskFigures(task.name, task.kind, len(checks.tests), on_reference, on_start, round(time.monotonic() - started, 1)))
            progress.advance(bar)

        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            list(pool.map(measure, tasks))
        figures.sort(key=lambda row: row.task)

    table = Table(title=f"Docstring checks by {args.model} ({args.split} split)")
    for column in ("task", "kind", "checks", "reference passes", "start passes", "s"):
        table.add_column(column)
    for row in figures:
        table.add_row(row.task, row.kind, str(row.checks), str(row.reference_passed), str(row.start_passed), str(row.seconds))
    console.print(table)

    with_checks = [row for row in figures if row.checks and row.reference_passed is not None]
    total = sum(row.checks for row in with_checks)
    right = sum(row.reference_passed or 0 for row in with_checks)
    summary = Table(title="Summary")
    for column in ("kind", "tasks", "with checks", "precision (reference passes)", "separating (reference > start)"):
        summary.add_column(column)
    for kind in ("implement", "bugfix"):
        rows = [row for row in figures if row.kind == kind]
        usable = [row for row in rows if row.checks and row.reference_passed is not None and row.start_passed is not None]
        checks = sum(row.checks for row in usable)
        precision = f"{sum(row.reference_passed for row in usable) / checks:.0%}" if checks else "-"
        separating = sum(row.reference_passed > row.start_passed for row in usable)
        summary.add_row(kind, str(len(rows)), str(len(usable)), precision, f"{separating}/{len(usable)}")
    console.print(summary)
    console.print(f"all: {right}/{total} checks pass on the reference solutions")
    if args.json:
        args.json.write_text(json.dumps({"cpu": cpu_name(), "model": args.model, "answers": args.answers, "tasks": [asdict(row) for row in figures]}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
