"""Shown while the graph waits for a person: which merges wait, with Approve / Reject buttons."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Label

from interns.tui.run_model import RunModel


class ReviewBar(Horizontal):
    DEFAULT_CSS = """
    ReviewBar { height: 3; display: none; background: $warning 20%; padding: 0 1; }
    ReviewBar.-waiting { display: block; }
    ReviewBar Label { width: 1fr; height: 3; content-align: left middle; }
    ReviewBar Button { margin: 0 1; min-width: 14; }
    """

    def compose(self) -> ComposeResult:
        yield Label("", id="review-text")
        yield Button("Approve (a)", id="approve", variant="success")
        yield Button("Reject (x)", id="reject", variant="error")

    def show(self, model: RunModel) -> None:
        waiting = list(model.awaiting_review) if model.status == "awaiting_review" else []
        self.set_class(bool(waiting), "-waiting")
        if waiting:
            self.query_one("#review-text", Label).update(f"◆ Waiting for your review: {', '.join(waiting)}. Read the diff, then approve or reject the merge.")
