"""The evaluation loop: each task's repo through the real spine, then scored with its hidden tests."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from interns.evaluation.commands import CommandResult, run_command, task_env
from interns.evaluation.scoring import TaskResult, Totals, score, summarize
from interns.evaluation.spine import RunSettings, SpineRun, run_argv, run_spine
from interns.evaluation.taskset import EvalTask
from interns.evaluation.workspace import checkout, overlay, prepare_task_repo, remove_checkout

# report statuses that mean the run itself went wrong, not the model's work
BROKEN_STATUSES = {"bad_input", "infrastructure", "interrupted"}


@dataclass
class EvalOptions:
    out_dir: Path
    replay: Path | None = None  # a cassette file for every task, or a folder of <task>.jsonl
    record: Path | None = None  # a folder: <task>.jsonl per task (per setting when sweeping)
    timeout: float = 3600.0  # seconds per `interns run`
    jobs: int = 1  # tasks evaluated at once
    keep: bool = False  # keep each task's scratch repo (its path goes into the log)
    interns_command: list[str] | None = None
    sweeping: bool = False
    resume: bool = False  # reuse the result.json of tasks already evaluated in out_dir


class SettingRun(BaseModel):
    setting: dict[str, Any]
    label: str
    results: list[TaskResult] = Field(default_factory=list)
    totals: Totals = Field(default_factory=Totals)


class EvalReport(BaseModel):
    version: int = 1
    created: str
    tasks_dir: str
    model: str | None = None  # as asked (None = the repos' configured default)
    model_used: str | None = None  # as the run reports said
    sandbox: str | None = None
    runs: list[SettingRun] = Field(default_factory=list)


Event = Callable[[str, EvalTask, RunSettings, TaskResult | None], None]  # ("start" | "done", ...)


def _cassette(options: EvalOptions, settings: RunSettings, task: EvalTask) -> tuple[Path | None, Path | None]:
    replay = options.replay
    if replay is not None and replay.is_dir():
        per_setting = replay / settings.slug / f"{task.name}.jsonl"
        replay = per_setting if per_setting.exists() else replay / f"{task.name}.jsonl"
    record = None
    if options.record is not None:
        folder = options.record / settings.slug if options.sweeping else options.record
        folder.mkdir(parents=True, exist_ok=True)
        record = folder / f"{task.name}.jsonl"
        record.unlink(missing_ok=True)  # the spine appends: start each task's cassette afresh
    return replay, record


def evaluate_task(task: EvalTask, settings: RunSettings, options: EvalOptions) -> TaskResult:
    run_dir = options.out_dir / "runs" / settings.slug / task.name
    done = run_dir / "result.json"
    if options.resume and done.is_file():
        return TaskResult.model_validate_json(done.read_text(encoding="utf-8"))
    run_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"interns-eval-{task.name}-"))
    try:
        repo = work / "repo"
        prepare_task_repo(task, repo)
        report_file = run_dir / "report.json"
        report_file.unlink(missing_ok=True)
        replay, record = _cassette(options, settings, task)
        if replay is not None and not replay.exists():
            return score(task.name, task.kind, task.difficulty, None, None, 0.0, error=f"no cassette: {replay}")
        if settings.raw:
            spine = run_raw_setting(repo, settings, replay, record, run_dir)
        else:
            argv = run_argv(repo, report_file, settings, replay, record, options.interns_command)
            (run_dir / "command.txt").write_text(" ".join(argv) + "\n", encoding="utf-8")
            spine = run_spine(argv, work, options.timeout, run_dir / "interns-run.log", report_file)
        report = spine.report
        error = spine.problem
        if error is None and report is not None and report.get("status") in BROKEN_STATUSES:
            error = f"{report.get('status')}: {report.get('reason') or 'exit ' + str(report.get('exit_code'))}"
        commit = (report or {}).get("integration_commit")
        hidden = run_hidden_tests(task, repo, str(commit), work / "result", run_dir / "hidden.log") if commit else None
        result = score(task.name, task.kind, task.difficulty, report, hidden, spine.command.seconds, error=error)
        if error:
            result.log_tail = spine.command.output[-2000:]
        done.write_text(result.model_dump_json(indent=2), encoding="utf-8")
        return result
    finally:
        if options.keep:
            (run_dir / "scratch.txt").write_text(str(work) + "\n", encoding="utf-8")
        else:
            shutil.rmtree(work, ignore_errors=True)


def run_raw_setting(repo: Path, settings: RunSettings, replay: Path | None, record: Path | None, run_dir: Path) -> SpineRun:
    """The raw-model baseline in-process, its outcome shaped like a spine run's."""
    from interns.agents.models.client import ModelClient
    from interns.config import load_config
    from interns.errors import InternsError
    from interns.evaluation.raw import run_raw

    started = time.monotonic()
    model = settings.model or load_config(repo).models.intern
    client = ModelClient(record_path=record, replay_path=replay)
    try:
        report = run_raw(repo, model, client)
    except InternsError as error:
        seconds = time.monotonic() - started
        return SpineRun(CommandResult(int(error.exit_code), str(error), seconds), None, f"raw baseline: {error}")
    (run_dir / "report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    return SpineRun(CommandResult(int(report["exit_code"]), "", time.monotonic() - started), report, None)


def run_hidden_tests(task: EvalTask, repo: Path, commit: str, result_tree: Path, log_file: Path | None = None) -> CommandResult:
    """The task's hidden command on a fresh checkout of `commit`, hidden files laid over it."""
    checkout(repo, commit, result_tree)
    try:
        overlay(task.hidden, result_tree)
        return run_command(task.meta.hidden.command, result_tree, task.meta.hidden.timeout, env=task_env(), log_file=log_file)
    finally:
        remove_checkout(repo, result_tree)


def run_eval(
    tasks: list[EvalTask],
    settings_list: list[RunSettings],
    options: EvalOptions,
    tasks_dir: Path,
    on_event: Event | None = None,
) -> EvalReport:
    """Evaluate every task under every setting; results also land in `options.out_dir/runs/`."""
    options.out_dir.mkdir(parents=True, exist_ok=True)
    first = settings_list[0]
    report = EvalReport(
        created=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        tasks_dir=str(tasks_dir),
        model=first.model,
        sandbox=first.sandbox,
    )
    lock = threading.Lock()

    def one(pair: tuple[RunSettings, EvalTask]) -> TaskResult:
        settings, task = pair
        if on_event:
            with lock:
                on_event("start", task, settings, None)
        result = evaluate_task(task, settings, options)
        if on_event:
            with lock:
                on_event("done", task, settings, result)
        return result

    # every (setting, task) pair in one pool: the settings share the machine at the same time, so their
    # seconds compare (a setting run after another would meet a different machine load)
    pairs = [(settings, task) for task in tasks for settings in settings_list]
    with ThreadPoolExecutor(max_workers=max(1, options.jobs)) as pool:
        results = dict(zip([(id(settings), task.name) for settings, task in pairs], pool.map(one, pairs)))
    for settings in settings_list:
        setting_run = SettingRun(
            setting={"best_of": settings.best_of, "attempts": settings.attempts, "parallel": settings.parallel, "context": settings.context, "raw": settings.raw, "model": settings.model, "escalate": list(settings.escalate or ())},
            label=settings.label,
            results=[results[(id(settings), task.name)] for task in tasks],
        )
        setting_run.totals = summarize(setting_run.results)
        report.runs.append(setting_run)
    report.model_used = next((r.model for run in report.runs for r in run.results if r.model), None)
    return report
