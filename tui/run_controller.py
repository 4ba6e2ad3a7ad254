"""Drives one run at a time for the app: the orchestrator streams in a thread, the UI gets messages.

A Textual worker supervises a daemon thread that prepares (or resumes) the Runner and iterates its
LangGraph stream. Every `(mode, payload)` is posted to the app as a message and applied to the
RunModel in the UI thread, so the UI never waits on the model, git or a sandbox.

Why a daemon thread under an async worker rather than a plain thread worker: Textual's thread
workers run in asyncio's default executor, which the app waits for on exit; a run that is busy with
the model must not keep the app from quitting (the run stays resumable from its checkpoint).
"""

from __future__ import annotations

import asyncio
import threading
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from textual.app import App
from textual.message import Message

from interns.errors import InternsError
from interns.run_options import RunOptions
from interns.tui.run_model import RunModel

if TYPE_CHECKING:
    from interns.agents.runner import Runner


class RunStarted(Message):
    def __init__(self, run_id: str, base_commit: str, tasks: dict[str, Any], outcomes: dict[str, Any], sandbox: str, model_name: str, notice: str | None) -> None:
        super().__init__()
        self.run_id, self.base_commit, self.tasks, self.outcomes = run_id, base_commit, tasks, outcomes
        self.sandbox, self.model_name, self.notice = sandbox, model_name, notice


class RunStreamed(Message):
    def __init__(self, run_id: str, mode: str, payload: Any) -> None:
        super().__init__()
        self.run_id, self.mode, self.payload = run_id, mode, payload


class RunFinished(Message):
    def __init__(self, run_id: str, report: dict[str, Any], exit_code: int, interrupted: bool) -> None:
        super().__init__()
        self.run_id, self.report, self.exit_code, self.interrupted = run_id, report, exit_code, interrupted


class RunFailed(Message):
    """The run could not start or broke down (bad spec, dirty tree, infrastructure)."""

    def __init__(self, run_id: str | None, error: str, problems: list[str]) -> None:
        super().__init__()
        self.run_id, self.error, self.problems = run_id, error, problems


@dataclass
class RunJob:
    """What the thread does: start a new run, or continue one (answering a review, retrying tasks)."""

    description: str
    make_runner: Callable[[], "Runner"]
    retry: list[str] = field(default_factory=list)


class RunController:
    """The app's one active run (or none), and the model the run view shows."""

    def __init__(self, app: App, repo: Path, launch: RunOptions) -> None:
        self.app = app
        self.repo = repo
        self.launch = launch
        self.model: RunModel | None = None
        self.runner: "Runner | None" = None
        self.active = False  # a run thread exists (preparing, streaming or finishing)
        self.streaming = False  # the graph is running: stopping now leaves an interrupted run
        self.thread: threading.Thread | None = None
        self._stop = threading.Event()

    # -- commands (UI thread) ----------------------------------------------------------------
    def start(self, specs: list[str]) -> None:
        repo, launch = self.repo, self.launch

        def make() -> "Runner":
            from interns.agents.runner import Runner

            return Runner.prepare(launch.for_new_run(repo, specs))

        self.model = RunModel(status="starting", live=True)
        self._launch(RunJob("start", make))

    def resume(self, run_id: str, decisions: dict[str, str] | None = None, retry: list[str] | None = None, model: RunModel | None = None) -> None:
        repo, launch = self.repo, self.launch

        def make() -> "Runner":
            from interns.agents.runner import Runner

            return Runner.resume(repo, run_id, launch.for_resume(), decisions=decisions)

        if model is not None:
            self.model = model
        if self.model is None or self.model.run_id != run_id:
            self.model = RunModel(run_id=run_id)
        self.model.status, self.model.error, self.model.live = "starting", None, True
        self.model.changed()
        self._launch(RunJob("resume", make, list(retry or [])))

    def cancel(self) -> bool:
        """Stop the run at its next event; running interns finish their step, the run stays resumable."""
        if not self.active:
            return False
        self._stop.set()
        if self.model is not None:
            self.model.status = "stopping"
            self.model.changed()
        return True

    def cancel_task(self, task_id: str) -> bool:
        """Stop one task, when the run machinery offers it (`Runner.cancel_task`, proposed for agents/)."""
        runner = self.runner
        if not self.active or runner is None or not hasattr(runner, "cancel_task"):
            return False
        runner.cancel_task(task_id)
        if self.model is not None and task_id in self.model.tasks:
            self.model.tasks[task_id].cancel_requested = True
            self.model.changed()
        return True

    @property
    def can_cancel_tasks(self) -> bool:
        return self.active and self.runner is not None and hasattr(self.runner, "cancel_task")

    @property
    def interruptible(self) -> bool:
        """Quitting now would cut the run short (it is starting or streaming, not just writing its report)."""
        return self.active and (self.streaming or self.runner is None)

    def mark_interrupted(self) -> None:
        """Quitting mid-run: the record says interrupted, so `interns resume` and the picker offer it."""
        runner = self.runner
        if runner is None or not self.streaming:
            return
        runner.mark_interrupted()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the run thread (tests, quitting); True when it ended."""
        thread = self.thread
        if thread is None:
            return True
        thread.join(timeout)
        return not thread.is_alive()

    # -- messages from the thread, applied in the UI thread ------------------------------------
    def on_started(self, message: RunStarted) -> None:
        model = self.model if self.model is not None and self.model.run_id in ("", message.run_id) else RunModel()
        model.run_id, model.base_commit, model.sandbox, model.model_name = message.run_id, message.base_commit, message.sandbox, message.model_name
        model.live, model.status, model.error = True, "running" if not self._stop.is_set() else "stopping", None
        model.live_since = model.clock()
        model.awaiting_review = []
        if message.tasks:
            model.set_tasks(message.tasks)
        for task_id, outcome in message.outcomes.items():
            model.apply_outcome(task_id, outcome)
        self.model = model
        model.changed()

    def on_streamed(self, message: RunStreamed) -> None:
        if self.model is not None and self.model.run_id == message.run_id:
            self.model.apply(message.mode, message.payload)

    def on_finished(self, message: RunFinished) -> None:
        model = self.model
        if model is None or model.run_id != message.run_id:
            return
        model.prior_seconds = model.elapsed
        model.live_since = None
        model.live = False
        model.apply_report(message.report)
        if message.interrupted:
            model.status = "interrupted"
        for task in model.tasks.values():
            task.started_at = None
            task.cancel_requested = False
        model.changed()

    def on_failed(self, message: RunFailed) -> None:
        if self.model is None:
            self.model = RunModel()
        self.model.live = False
        self.model.live_since = None
        self.model.status = "failed"
        self.model.error = "\n".join([message.error, *message.problems])
        self.model.changed()

    # -- the thread ------------------------------------------------------------------------------
    def _launch(self, job: RunJob) -> None:
        if self.active:
            raise InternsError("a run is already in progress in this window")
        self.active = True
        self.runner = None
        self._stop.clear()
        self.app.run_worker(self._supervise(job), name=f"interns {job.description}", group="run", exit_on_error=False)

    async def _supervise(self, job: RunJob) -> None:
        loop = asyncio.get_running_loop()
        done: asyncio.Future[None] = loop.create_future()

        def finished() -> None:
            if not done.done():
                done.set_result(None)

        def body() -> None:
            try:
                self._drive(job)
            finally:
                self.active = False
                try:
                    loop.call_soon_threadsafe(finished)
                except RuntimeError:  # the app has already closed its loop
                    pass

        self.thread = threading.Thread(target=body, name="interns-run", daemon=True)
        self.thread.start()
        try:
            await asyncio.shield(done)
        except asyncio.CancelledError:  # the app is quitting: let the run stop at its next event
            self._stop.set()
            raise

    def _post(self, message: Message) -> None:
        try:
            self.app.post_message(message)
        except RuntimeError:  # the app's loop is gone (quit mid-run)
            pass

    def _drive(self, job: RunJob) -> None:
        try:
            runner = job.make_runner()
            if job.retry:
                runner.retry_tasks(job.retry)
        except InternsError as error:
            self._post(RunFailed(self.model.run_id if self.model else None, str(error), [str(problem) for problem in getattr(error, "problems", [])]))
            return
        except Exception as error:  # never let a broken start kill the UI silently
            self._post(RunFailed(self.model.run_id if self.model else None, f"{type(error).__name__}: {error}", traceback.format_exc().splitlines()[-8:]))
            return
        self.runner = runner
        run_id = runner.record.run_id
        state = runner.snapshot()
        notice = getattr(runner.sandbox, "notice", None)
        self._post(RunStarted(run_id, runner.record.base_commit, dict(state.get("tasks") or {}), dict(state.get("outcomes") or {}), runner.sandbox.name, runner.options.model or runner.config.models.intern, notice))
        stream = runner.events()
        broken: str | None = None
        self.streaming = True
        try:
            for mode, payload in stream:
                self._post(RunStreamed(run_id, mode, payload))
                if self._stop.is_set():
                    break
        except Exception as error:  # a broken graph step: keep the run resumable and say why
            broken = f"{type(error).__name__}: {error}"
        finally:
            stream.close()  # waits for interns in flight to finish their step; the checkpoint stays consistent
            self.streaming = False
        interrupted = self._stop.is_set() or broken is not None
        if interrupted:
            runner.interrupted = True
        try:
            result = runner.finish()
        except Exception as error:
            self._post(RunFailed(run_id, broken or f"{type(error).__name__}: {error}", []))
            return
        self._post(RunFinished(run_id, result.report, int(result.exit_code), interrupted))
        if broken:
            self._post(RunFailed(run_id, broken, []))
