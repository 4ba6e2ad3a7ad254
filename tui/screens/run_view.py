"""The run view: tasks with live status, the selected intern's transcript, diff and acceptance output.

The screen only reads its RunModel (updated by the app from the run's stream) and redraws what
changed on a short timer, so a burst of events never floods the UI. Actions that continue a run
(approve, reject, retry, resume) go through the RunController, which streams in the background.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from interns.tui.widgets.quiet_header import QuietHeader
from textual.css.query import NoMatches
from textual.widgets import Button, DataTable, Footer, Static, TabbedContent, TabPane

from interns.agents.task_status import is_retryable
from interns.tui.editor import open_in_editor
from interns.tui.run_controller import RunController
from interns.tui.run_model import RunModel, TaskView
from interns.tui.widgets.detail_panes import DetailPane, render_acceptance, render_details, render_diff, render_transcript
from interns.tui.widgets.review_bar import ReviewBar
from interns.tui.widgets.status_bar import StatusBar
from interns.tui.widgets.task_table import TaskTable

TABS = ("transcript", "diff", "acceptance", "details")
CLOCK_SECONDS = 1.0  # how often a live run's clocks redraw when nothing else changed


class RunScreen(Screen):
    BINDINGS = [
        Binding("a", "approve", "Approve"),
        Binding("x", "reject", "Reject"),
        Binding("r", "retry", "Retry task"),
        Binding("R", "resume", "Resume run"),
        Binding("c", "cancel_task", "Cancel task"),
        Binding("C", "cancel_run", "Cancel run"),
        Binding("e", "edit_spec", "Edit spec"),
        Binding("y", "copy_failure", "Copy failure"),
        Binding("escape", "back", "Runs"),
        Binding("1", "tab('transcript')", "Transcript", show=False),
        Binding("2", "tab('diff')", "Diff", show=False),
        Binding("3", "tab('acceptance')", "Acceptance", show=False),
        Binding("4", "tab('details')", "Details", show=False),
    ]

    DEFAULT_CSS = """
    RunScreen { layout: vertical; }
    #run-error { display: none; color: $error; padding: 0 1; height: auto; max-height: 8; }
    #run-error.-shown { display: block; }
    RunScreen TabbedContent { height: 1fr; }
    RunScreen TabPane { padding: 0; }
    """

    def __init__(self, controller: RunController, model: RunModel) -> None:
        super().__init__()
        self.controller = controller
        self.model = model
        self._drawn_version = -1
        self._drawn_task: tuple[str | None, int] = (None, -1)
        self._clock_drawn = 0.0
        self._state_key: tuple[object, ...] = ()
        # titles set before mount: a title change racing the header's own mount (or teardown) fails
        self.sub_title = f"run {model.run_id}" if model.run_id else "starting a run"

    # -- layout ----------------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield QuietHeader(show_clock=False)
        yield ReviewBar()
        yield Static("", id="run-error")
        yield TaskTable(id="tasks")
        with TabbedContent():  # the first pane (transcript) is active; `initial` races the screen mount
            with TabPane("Transcript", id="transcript"):
                yield DetailPane(follow=True, id="transcript-pane")
            with TabPane("Diff", id="diff"):
                yield DetailPane(id="diff-pane")
            with TabPane("Acceptance", id="acceptance"):
                yield DetailPane(id="acceptance-pane")
            with TabPane("Details", id="details"):
                yield DetailPane(id="details-pane")
        yield StatusBar(id="status")
        yield Footer()

    def on_mount(self) -> None:
        # TabbedContent mounts its panes a tick later: draw once they exist
        self.call_after_refresh(self.redraw)
        self.set_interval(0.1, self.redraw)
        self.query_one(TaskTable).focus()

    # -- drawing -----------------------------------------------------------------------------------
    @property
    def selected(self) -> TaskView | None:
        task_id = self.query_one(TaskTable).selected_task
        return self.model.tasks.get(task_id) if task_id else None

    def redraw(self) -> None:
        try:
            self._redraw()
        except NoMatches:  # a pane not mounted yet (or already torn down): the next tick draws it
            self._drawn_version = -1

    def _redraw(self) -> None:
        model = self.model
        now = model.clock()
        ticking = model.live and now - self._clock_drawn >= CLOCK_SECONDS
        if model.version == self._drawn_version and not ticking:
            return
        self._drawn_version, self._clock_drawn = model.version, now
        if model.run_id and self.sub_title != f"run {model.run_id}":
            self.sub_title = f"run {model.run_id}"
        self.query_one(TaskTable).sync(model)
        self.query_one(StatusBar).show(model)
        self.query_one(ReviewBar).show(model)
        error = self.query_one("#run-error", Static)
        error.set_class(bool(model.error), "-shown")
        error.update(model.error or "")
        self._draw_task(force=False)
        state_key = (model.status, self.controller.active, model.run_id, tuple(model.awaiting_review), self._selected_status())
        if state_key != self._state_key:
            self._state_key = state_key
            self.refresh_bindings()

    def _selected_status(self) -> str | None:
        task = self.selected
        return self.model.display_status(task) if task else None

    def _draw_task(self, force: bool) -> None:
        task = self.selected
        key = (task.id, task.revision) if task else (None, -1)
        moved = key[0] != self._drawn_task[0]
        if not force and key == self._drawn_task:
            if task is not None and task.started_at is not None:  # only its clock moved
                self.query_one("#details-pane", DetailPane).show(render_details(self.model, task))
            return
        self._drawn_task = key
        if task is None:
            for pane in TABS:
                self.query_one(f"#{pane}-pane", DetailPane).show(Text("No task selected.", style="dim"), reset=True)
            return
        self.query_one("#transcript-pane", DetailPane).show(render_transcript(task), reset=moved)
        self.query_one("#diff-pane", DetailPane).show(render_diff(task), reset=moved)
        self.query_one("#acceptance-pane", DetailPane).show(render_acceptance(task), reset=moved)
        self.query_one("#details-pane", DetailPane).show(render_details(self.model, task), reset=moved)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._draw_task(force=True)
        self.refresh_bindings()

    # -- which actions apply now --------------------------------------------------------------------
    @property
    def _is_current(self) -> bool:
        """Whether this screen shows the controller's run (the only one that can be live)."""
        return self.controller.model is self.model

    @property
    def _busy(self) -> bool:
        return self.controller.active

    def _review_target(self) -> str | None:
        task = self.selected
        if task is not None and task.id in self.model.awaiting_review:
            return task.id
        return self.model.awaiting_review[0] if self.model.awaiting_review else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        model = self.model
        if action in ("approve", "reject"):
            if model.status != "awaiting_review" or not model.awaiting_review:
                return False
            return None if self._busy else True
        if action == "resume":
            return (None if self._busy else True) if model.status == "interrupted" else False
        if action == "cancel_run":
            return True if self._busy and self._is_current else False
        if action == "cancel_task":
            task = self.selected
            if not (self._busy and self._is_current and task is not None and task.status == "pending"):
                return False
            return True if self.controller.can_cancel_tasks else None  # shown dimmed until agents/ offers it
        if action == "retry":
            task = self.selected
            retryable = task is not None and is_retryable(task.status)
            return (None if self._busy or model.status in ("awaiting_review", "interrupted") else True) if retryable else False
        if action == "copy_failure":
            task = self.selected
            return True if task is not None and task.last_failure else None
        if action == "edit_spec":
            task = self.selected
            return True if task is not None and task.spec_path else None
        return True

    # -- actions ------------------------------------------------------------------------------------
    def _continue(self, **kwargs: object) -> bool:
        if self._busy:
            self.notify("A run is in progress in this window; wait for it or cancel it (C) first.", severity="warning")
            return False
        self.controller.resume(self.model.run_id, model=self.model, **kwargs)  # type: ignore[arg-type]
        self._state_key = ()
        return True

    def _decide(self, decision: str) -> None:
        target = self._review_target()
        if target is None:
            self.notify("Nothing waits for review.", severity="warning")
            return
        if self._continue(decisions={target: decision}):
            self.notify(f"{decision}d {target}; the run continues" if decision == "approve" else f"rejected {target}; the run continues")

    def action_approve(self) -> None:
        self._decide("approve")

    def action_reject(self) -> None:
        self._decide("reject")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id in ("approve", "reject"):
            event.stop()
            self._decide(event.button.id)

    def action_retry(self) -> None:
        task = self.selected
        if task is None or not is_retryable(task.status):
            self.notify("Select a failed task to retry.", severity="warning")
            return
        if self.model.status == "interrupted":
            self.notify("Resume the run first (R); retry works on a run that has finished.", severity="warning")
            return
        if self._continue(retry=[task.id]):
            self.notify(f"retrying {task.id}")

    def action_resume(self) -> None:
        if self.model.status != "interrupted":
            self.notify("This run is not interrupted.", severity="warning")
            return
        if self._continue():
            self.notify(f"resuming run {self.model.run_id}")

    def action_cancel_run(self) -> None:
        if self._is_current and self.controller.cancel():
            self.notify("Stopping the run: interns finish their current step, then the run can be resumed (R).", severity="warning")

    def action_cancel_task(self) -> None:
        task = self.selected
        if task is None:
            return
        if self.controller.cancel_task(task.id):
            self.notify(f"cancelling {task.id}")
        else:
            self.notify("Stopping one intern needs Runner.cancel_task (not in agents/ yet); C stops the whole run.", severity="warning")

    def action_edit_spec(self) -> None:
        task = self.selected
        if task is None or not task.spec_path:
            return
        path = Path(self.controller.repo) / task.spec_path
        code = open_in_editor(self.app, path, task.spec_line)
        if code != 0:
            self.notify(f"the editor exited with {code}", severity="warning")
        else:
            self.notify(f"{task.spec_path} saved; new runs use it once committed")

    def action_copy_failure(self) -> None:
        task = self.selected
        text = task.last_failure if task else None
        if not text:
            self.notify("No failing output for this task.", severity="warning")
            return
        self.app.copy_to_clipboard(text)
        self.notify(f"copied the failing output of {task.id} ({len(text.splitlines())} lines)")

    def action_tab(self, tab: str) -> None:
        self.query_one(TabbedContent).active = tab

    def action_back(self) -> None:
        self.app.pop_screen()
