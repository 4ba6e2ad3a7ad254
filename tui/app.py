"""The interns terminal UI: pick specs, start or reopen runs, watch interns work, decide merges."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding

from interns.agents.run_store import RunRecord, open_run_store
from interns.exit_codes import ExitCode
from interns.run_options import RunOptions
from interns.tui.run_controller import RunController, RunFailed, RunFinished, RunStarted, RunStreamed
from interns.tui.run_model import RunModel
from interns.tui.screens.picker import PickerScreen
from interns.tui.screens.run_view import RunScreen
from interns.tui.stored_run import StoredRun


class InternsApp(App[None]):
    """`repo` is the repository's root; `open_run` reopens that run at start (read-only until acted on)."""

    TITLE = "interns"
    BINDINGS = [Binding("q", "quit", "Quit", priority=False)]

    def __init__(self, repo: Path, launch: RunOptions | None = None, open_run: str | None = None) -> None:
        super().__init__()
        self.repo = Path(repo).resolve()
        self.controller = RunController(self, self.repo, launch or RunOptions())
        self.open_run_id = open_run
        self.interrupted_run: str | None = None  # set when quitting left a run to resume

    def on_mount(self) -> None:
        self.push_screen(PickerScreen(self.controller))
        if self.open_run_id:
            self.open_run(StoredRun(self._record(self.open_run_id), self.repo / ".interns" / "state"))

    def _record(self, run_id: str) -> RunRecord:
        return open_run_store(self.repo / ".interns" / "state").load(run_id)

    # -- opening runs ------------------------------------------------------------------------------
    def open_run(self, stored: StoredRun, resume: bool = False) -> None:
        model = self.controller.model
        if model is not None and model.run_id == stored.record.run_id and (self.controller.active or model.report is not None or resume):
            self.push_screen(RunScreen(self.controller, model))
            if resume and not self.controller.active and model.status == "interrupted":
                self.controller.resume(model.run_id, model=model)
            return
        self._load_and_open(stored, resume)

    @work(thread=True, group="open-run")
    def _load_and_open(self, stored: StoredRun, resume: bool) -> None:
        model = stored.load()  # reads the events log, the report and the checkpoint
        self.call_from_thread(self._opened, model, resume)

    def _opened(self, model: RunModel, resume: bool) -> None:
        self.push_screen(RunScreen(self.controller, model))
        if resume:
            if self.controller.active:
                self.notify("Another run is in progress in this window; resume this one when it ends.", severity="warning")
            else:
                self.controller.resume(model.run_id, model=model)

    # -- the run's messages (posted by the run thread) -----------------------------------------------
    def on_run_started(self, message: RunStarted) -> None:
        self.controller.on_started(message)
        if message.notice:
            self.notify(message.notice, severity="warning")

    def on_run_streamed(self, message: RunStreamed) -> None:
        self.controller.on_streamed(message)

    def on_run_finished(self, message: RunFinished) -> None:
        self.controller.on_finished(message)
        report = message.report
        totals = report.get("totals", {})
        if message.interrupted:
            self.notify(f"run {message.run_id} stopped; resume it with R", severity="warning")
        elif report.get("awaiting_review"):
            self.notify(f"waiting for your review: {', '.join(report['awaiting_review'])}", severity="warning", timeout=8)
        elif message.exit_code == 0:
            self.notify(f"run {message.run_id}: all {totals.get('tasks', 0)} task(s) merged into {report.get('integration_branch')}")
        else:
            self.notify(f"run {message.run_id}: {report.get('status')} ({report.get('reason')})", severity="error", timeout=8)

    def on_run_failed(self, message: RunFailed) -> None:
        self.controller.on_failed(message)
        self.notify(message.error, severity="error", timeout=10)

    # -- quitting ----------------------------------------------------------------------------------
    async def action_quit(self) -> None:
        """Quitting mid-run leaves the run resumable from its checkpoint."""
        if self.controller.interruptible:
            model = self.controller.model
            self.controller.cancel()
            self.controller.mark_interrupted()
            self.interrupted_run = model.run_id if model is not None and model.run_id else None
            hint = f"run {self.interrupted_run} interrupted: `interns resume {self.interrupted_run}` or reopen it in `interns tui`" if self.interrupted_run else "run interrupted"
            self.exit(return_code=int(ExitCode.INTERRUPTED), message=hint)
            return
        self.exit()
