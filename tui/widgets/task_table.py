"""The run's tasks with live status, attempts, tokens and seconds (one row per task)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import DataTable

from interns.agents.task_status import status_label, status_style
from interns.tui.run_model import RunModel, TaskView

COLUMNS = (("task", "task"), ("status", "status"), ("attempts", "att"), ("tokens", "tokens"), ("seconds", "sec"), ("note", "note"))


class TaskTable(DataTable):
    """Rows keyed by task id; `sync` updates cells in place so the cursor stays where the person put it."""

    DEFAULT_CSS = """
    TaskTable { height: auto; max-height: 40%; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)  # type: ignore[arg-type]

    def on_mount(self) -> None:
        for key, label in COLUMNS:
            self.add_column(label, key=key)

    @property
    def selected_task(self) -> str | None:
        if self.row_count == 0:
            return None
        try:
            key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        except Exception:  # the cursor sits on no row (empty table)
            return None
        return str(key.value) if key.value is not None else None

    def _cells(self, model: RunModel, task: TaskView) -> dict[str, object]:
        status = model.display_status(task)
        label = status_label(status)
        if task.cancel_requested:
            label += " (cancelling)"
        title = Text(task.id)
        return {
            "task": title,
            "status": Text(label, style=status_style(status)),
            "attempts": Text(str(task.attempts), justify="right"),
            "tokens": Text(f"{task.tokens:,}", justify="right"),
            "seconds": Text(f"{model.task_seconds(task):.1f}", justify="right"),
            "note": Text(self._note(model, task, status)[:60], style="dim"),
        }

    @staticmethod
    def _note(model: RunModel, task: TaskView, status: str) -> str:
        """A queued task says what it waits for: the task DAG, read row by row."""
        if task.note or status != "queued":
            return task.note
        waiting = [dep for dep in task.depends_on if dep in model.tasks and model.tasks[dep].status != "merged"]
        return f"after {', '.join(waiting)}" if waiting else ""

    def sync(self, model: RunModel) -> None:
        present = {str(key.value) for key in self.rows}
        wanted = list(model.tasks)
        for task_id in present - set(wanted):
            self.remove_row(task_id)
        for task_id in wanted:
            cells = self._cells(model, model.tasks[task_id])
            if task_id not in present:
                self.add_row(*cells.values(), key=task_id)
                continue
            for column, value in cells.items():
                if str(self.get_cell(task_id, column)) != str(value) or column == "status":
                    self.update_cell(task_id, column, value, update_width=True)
