"""Start, resume and finish runs: the glue between the CLI (or the TUI) and the orchestrator graph."""

from __future__ import annotations

import json
import os
import signal
import socket
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from langgraph.types import Command

from interns.agents.events import EventKind, is_logged
from interns.agents.leftovers import clear_run_leftovers
from interns.agents.executors.registry import executor_for
from interns.agents.orchestrator import Orchestrator
from interns.agents.models.replay_backend import forget_cassettes
from interns.agents.report import STATUS_NAMES, build_report
from interns.agents.run_context import RunContext, RunOverrides
from interns.agents.run_parts import model_client, sandbox_backend
from interns.agents.run_store import RunLock, RunRecord, new_run_id, open_run_store
from interns.config import Config, load_config
from interns.escalation import EscalationStep
from interns.errors import BadInputError, InternsError
from interns.exit_codes import ExitCode
from interns.specs import Task, load_specs
from interns.specs.sources import configured_spec_files
from interns.tools.git_repo import GitRepo


from interns.run_options import RunOptions  # noqa: E402  (re-exported: the runner takes them)


@dataclass
class RunResult:
    report: dict[str, Any]
    exit_code: ExitCode
    applied: bool = False


def select_changed(tasks: list[Task], changed_specs: list[str]) -> list[Task]:
    """Tasks of the changed spec files and every task depending on them; dependencies on tasks
    left out count as done (they are in the repository already)."""
    changed = set(changed_specs)
    selected = {task.id for task in tasks if task.source.rsplit(":", 1)[0] in changed}
    grew = True
    while grew:
        grew = False
        for task in tasks:
            if task.id not in selected and any(dep in selected for dep in task.depends_on):
                selected.add(task.id)
                grew = True
    return [task.model_copy(update={"depends_on": tuple(dep for dep in task.depends_on if dep in selected)}) for task in tasks if task.id in selected]


class _Terminated(Exception):
    """SIGTERM: stop like Ctrl-C, leaving a resumable run."""


def _config_for(repo: GitRepo, options: RunOptions) -> Config:
    overrides: dict[str, Any] = {"parallel": options.parallel, "context": options.context}
    models = {key: value for key, value in (("intern", options.model), ("planner", options.planner_model), ("docstring_checks", options.docstring_checks)) if value is not None}
    if models:
        overrides["models"] = models
    if options.sandbox:
        overrides["sandbox"] = {"backend": options.sandbox}
    if options.executor:
        overrides["executor"] = {"backend": options.executor}
    return load_config(repo.root, overrides)


def _relative_spec_paths(repo: GitRepo, specs: list[str]) -> list[str]:
    relative = []
    for spec in specs:
        path = Path(spec)
        path = path if path.is_absolute() else (Path.cwd() / path)
        try:
            relative.append(path.resolve().relative_to(repo.root).as_posix())
        except ValueError as error:
            raise BadInputError(f"{spec}: spec files must be inside the repository {repo.root}") from error
    return relative


class Runner:
    """One run: prepared by `prepare()` or `resume()`, then driven by `events()`."""

    def __init__(self, repo: GitRepo, record: RunRecord, config: Config, options: RunOptions, initial: dict[str, Any] | Command | None, lock: RunLock | None = None) -> None:
        self.store = open_run_store(repo.state_dir)
        self.lock = lock or self.store.lock(record.run_id)  # one process drives a run
        self.repo = repo
        self.record = record
        self.config = config
        self.options = options
        self.initial = initial
        forget_cassettes()
        self.sandbox = sandbox_backend(config)
        models = model_client(config, record_path=Path(options.record) if options.record else None, replay_path=Path(options.replay) if options.replay else None)
        escalate = None if options.escalate is None else tuple(EscalationStep(model=model) for model in options.escalate)
        overrides = RunOverrides(model=options.model, best_of=options.best_of, attempts=options.attempts, escalate=escalate)
        self.context = RunContext(repo, record.run_id, config, models, self.sandbox, overrides)
        self.executor = executor_for(config, options.ray_address)
        self._orchestrator = Orchestrator(self.context, *self.store.open_checkpointer(), executor=self.executor)
        self.started = time.monotonic()
        self.interrupted = False
        self.crash: str | None = None  # an error that stopped the graph
        self.crash_code = ExitCode.INFRASTRUCTURE

    # -- construction ----------------------------------------------------------------------------
    @classmethod
    def prepare(cls, options: RunOptions) -> "Runner":
        repo = GitRepo(Path(options.repo))
        config = _config_for(repo, options)
        dirty = repo.dirty_paths()
        if dirty and not options.allow_dirty:
            shown = ", ".join(dirty[:5]) + (f" and {len(dirty) - 5} more" if len(dirty) > 5 else "")
            raise BadInputError(f"{repo.root}: the working tree has uncommitted changes ({shown}); commit or stash them, or pass --allow-dirty to run on the last commit only")
        repo.ensure_state_dir()
        run_id = new_run_id()
        store = open_run_store(repo.state_dir)
        lock = store.lock(run_id)
        base = repo.head_commit()
        if options.push_branch:
            repo.check_branch_can_move(options.push_branch, base)
        spec_paths = _relative_spec_paths(repo, options.specs) or [path for path in config.specs]
        tasks = cls._load_tasks_at(repo, run_id, base, spec_paths, explicit=bool(options.specs))
        if options.changed_since:
            tasks = select_changed(tasks, repo.changed_files(options.changed_since, spec_paths))
        initial = {"run_id": run_id, "base_commit": base, "tasks": {task.id: task.model_dump(mode="json") for task in tasks}, "outcomes": {}, "merged_order": [], "stop_reason": None}
        record = RunRecord(run_id=run_id, repo=str(repo.root), base_commit=base, user_branch=repo.current_branch(), spec_paths=spec_paths, options=asdict(options), initial=initial)
        store.save(record)
        return cls(repo, record, config, options, initial, lock)

    @staticmethod
    def _load_tasks_at(repo: GitRepo, run_id: str, base: str, spec_paths: list[str], explicit: bool) -> list:
        """Specs are read from the committed state the run works on, never the dirty working tree."""
        snapshot = repo.state_dir / "worktrees" / run_id / "_specs"
        repo.repo.git.worktree("add", "--force", "--detach", str(snapshot), base)
        try:
            # named on the command line: each must exist; from the config: folders, files and globs
            paths = [snapshot / path for path in spec_paths] if explicit else configured_spec_files(snapshot, spec_paths)
            loaded = load_specs(snapshot, paths or None)
            if not loaded.ok:
                raise BadInputError(f"{len(loaded.problems)} problem(s) in the specs", [str(problem) for problem in loaded.problems])
            return loaded.tasks
        finally:
            repo.remove_worktree(snapshot)

    @classmethod
    def retry(cls, repo_path: Path, run_id: str, task_ids: list[str], overrides: RunOptions | None = None) -> tuple["Runner", list[str]]:
        """A runner that continues `run_id` after resetting the given failed tasks to pending."""
        runner = cls.resume(repo_path, run_id, overrides)
        return runner, runner.retry_tasks(task_ids)

    @classmethod
    def resume(cls, repo_path: Path, run_id: str, overrides: RunOptions | None = None, decisions: dict[str, str] | None = None) -> "Runner":
        repo = GitRepo(repo_path)
        store = open_run_store(repo.state_dir)
        record = store.load(run_id)
        repo.ensure_state_dir()  # a clone resuming a run another machine started (Postgres state) has none yet
        lock = store.lock(run_id)  # fails at once while another process drives the run; a dead one's lock is gone with it
        options = RunOptions(**record.options)
        if overrides is not None:  # e.g. a fixed --model or --replay for the rest of the run
            for key, value in asdict(overrides).items():
                if value not in (None, False, [], "."):
                    setattr(options, key, value)
        config = _config_for(repo, options)
        record.status = "running"
        record.pid = os.getpid()  # the process driving it now (the TUI checks it is alive)
        record.host = socket.gethostname()
        store.save(record)
        # answering a review resumes the paused graph with the decisions as the interrupt's value
        runner = cls(repo, record, config, options, Command(resume=decisions) if decisions else None, lock)
        if decisions is None and record.initial is not None and not runner._orchestrator.has_checkpoint():
            runner.initial = record.initial  # killed before the graph's first checkpoint: start it now
        # git locks a killed run left in its own worktrees and branches (after the prune above ended its sandboxes)
        removed = clear_run_leftovers(Path(repo.repo.common_dir), runner.context.worktrees_dir, Path(repo.repo.common_dir) / "refs" / "heads" / "interns" / run_id)
        if removed:
            with store.events_path(run_id).open("a", encoding="utf-8") as log:
                log.write(json.dumps({"time": time.time(), "event": EventKind.LEFTOVERS_REMOVED, "paths": removed}) + "\n")
        return runner

    # -- asking about the run (the CLI and the TUI never reach the orchestrator or its checkpoint) -----
    def snapshot(self) -> dict[str, Any]:
        """The run's state as it stands: the prepared input before the graph's first step, else the last checkpoint."""
        return dict((self.initial if isinstance(self.initial, dict) else self._orchestrator.state()) or {})

    def awaiting_review(self) -> list[str]:
        return self._orchestrator.awaiting_review()

    def retry_tasks(self, task_ids: list[str]) -> list[str]:
        """Reset failed tasks of a finished run to pending (their held-back dependents follow); returns every task reset."""
        return self._orchestrator.retry(task_ids)

    def mark_interrupted(self) -> None:
        """The process is leaving mid-run: the record says interrupted, so resume and the TUI's picker offer it."""
        self.record.status = "interrupted"
        self.store.save(self.record)

    # -- driving -----------------------------------------------------------------------------------
    def events(self) -> Iterator[tuple[str, Any]]:
        """Stream the graph; Ctrl-C or SIGTERM stop it and leave a resumable run."""
        previous = signal.getsignal(signal.SIGTERM)

        def on_term(signum: int, frame: Any) -> None:
            raise _Terminated()

        try:
            signal.signal(signal.SIGTERM, on_term)
        except ValueError:  # not the main thread (the TUI runs us in a worker)
            previous = None
        try:
            with self.store.events_path(self.record.run_id).open("a", encoding="utf-8") as log:
                for mode, payload in self._orchestrator.stream(self.initial):
                    # streamed tokens are for live displays; the log keeps whole answers only
                    if mode == "custom" and isinstance(payload, dict) and is_logged(payload):
                        log.write(json.dumps({"time": time.time(), **payload}, default=str) + "\n")
                        log.flush()
                    yield mode, payload
        except (KeyboardInterrupt, _Terminated):
            self.interrupted = True
        except Exception as error:  # outside any task (merge, git, checkpoint): still write the report
            self.crash = f"{type(error).__name__}: {error}\n" + traceback.format_exc(limit=8)
            self.crash_code = error.exit_code if isinstance(error, InternsError) else ExitCode.INFRASTRUCTURE
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)

    def cancel(self, task_id: str | None = None) -> None:
        """Stop one task (or, with None, every task) at its next step: they end cancelled (retryable)."""
        self.context.cancellation.cancel(task_id)

    def cancel_task(self, task_id: str) -> None:
        """Stop one task at its next step; safe from any thread (the TUI calls it)."""
        self.cancel(task_id)

    def finish(self, json_path: Path | None = None) -> RunResult:
        state = self._orchestrator.state()
        report = build_report(
            self.record, state, time.monotonic() - self.started, self.sandbox.name,
            {"intern": self.options.model or self.config.models.intern, "planner": self.config.models.planner}, self.interrupted,
            awaiting_review=self.awaiting_review(), events=self.store.read_events(self.record.run_id),
        )
        if self.crash:
            report.update({"exit_code": int(self.crash_code), "status": STATUS_NAMES[self.crash_code], "reason": self.crash.splitlines()[0], "reason_code": "internal error", "crash": self.crash})
        code = ExitCode(report["exit_code"])
        applied = False
        if code is ExitCode.OK and self.options.apply and self.record.user_branch and report["integration_commit"]:
            self.repo.fast_forward(self.record.user_branch, report["integration_commit"])
            applied = True
        report["applied"] = applied
        report["pushed_branch"] = None
        if self.options.push_branch and report["integration_commit"] and report["integration_commit"] != self.record.base_commit:
            self.repo.set_branch(self.options.push_branch, report["integration_commit"])
            report["pushed_branch"] = self.options.push_branch
        self.record.status = "interrupted" if self.interrupted else ("awaiting_review" if report["awaiting_review"] else "finished")
        self.record.exit_code = int(code)
        self.record.summary = f"{report['totals']['merged']}/{report['totals']['tasks']} merged"
        self.store.save(self.record)
        text = _dump(report)
        self.store.write_report(self.record.run_id, text)
        if json_path is not None:
            json_path.parent.mkdir(parents=True, exist_ok=True)
            json_path.write_text(text)
        self._orchestrator.close()
        self.executor.close()
        close = getattr(self.sandbox, "close", None)
        if close is not None:
            close()
        self.lock.release()
        return RunResult(report, code, applied)

    def run(self, on_event: Callable[[str, Any], None] | None = None, json_path: Path | None = None) -> RunResult:
        for mode, payload in self.events():
            if on_event is not None:
                on_event(mode, payload)
        return self.finish(json_path)


def _dump(report: dict[str, Any]) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"
