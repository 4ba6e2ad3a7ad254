"""One line under the run: run id and state, model tok/s, tokens, elapsed time, cost, sandbox backend."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from interns.tui.run_model import RunModel
from interns.tui.status_style import RUN_STATUS_STYLE


def format_elapsed(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def status_line(model: RunModel) -> Text:
    """Most telling first: a narrow terminal cuts the model name, not the run's state."""
    counts = model.counts
    merged, total = counts.get("merged", 0), len(model.tasks)
    rate = model.tokens_per_second
    line = Text(" ")
    line.append(model.status.replace("_", " "), style=RUN_STATUS_STYLE.get(model.status, ""))
    line.append(f" · {merged}/{total} merged")
    failed = sum(counts.get(status, 0) for status in ("failed", "conflicted", "budget_exhausted", "infra_error"))
    if failed:
        line.append(f" · {failed} failed", style="red")
    line.append(" · " + (f"{rate:.1f} tok/s" if rate is not None else "– tok/s"))
    line.append(f" · {model.tokens:,} tokens")
    line.append(f" · {format_elapsed(model.elapsed)}")
    line.append(f" · ${model.cost:.4f}")
    if model.sandbox:
        line.append(f" · sandbox {model.sandbox}")
    if model.model_name:
        line.append(f" · {model.model_name}", style="dim")
    return line


class StatusBar(Static):
    DEFAULT_CSS = """
    StatusBar { height: 1; background: $panel; color: $text; }
    """

    def show(self, model: RunModel) -> None:
        self.update(status_line(model))
