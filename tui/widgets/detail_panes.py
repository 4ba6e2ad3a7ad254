"""What the run view shows for the selected intern: transcript, diff, acceptance output, task facts.

Each `render_*` turns a TaskView into a rich renderable; `DetailPane` shows one in a scrolling area
and can follow the end (the transcript, while answers arrive).
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.syntax import Syntax
from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from interns.agents.task_status import status_label, status_style
from interns.tui.run_model import RunModel, TaskView

CODE_THEME = "ansi_dark"

_ENTRY_STYLE = {
    "round": "dim", "context": "dim", "attempt": "bold", "validating": "yellow", "acceptance_failed": "red", "validated": "green",
    "merged": "bold green", "conflict": "magenta", "post_merge_failed": "red", "infra_error": "bold red", "malformed": "red", "note": "italic",
}
_ENTRY_MARK = {"acceptance_failed": "✘ ", "validated": "✔ ", "merged": "✔ ", "conflict": "✘ ", "post_merge_failed": "✘ ", "infra_error": "✘ ", "malformed": "✘ ", "validating": "… "}


def render_transcript(task: TaskView) -> RenderableType:
    if not task.transcript and not task.streaming:
        return Text("No model answers yet." if task.status == "pending" else "No transcript recorded for this task.", style="dim")
    parts: list[RenderableType] = []
    for entry in task.transcript:
        if entry.kind == "answer":
            head = f"answer · attempt {entry.attempt}" + (f" · sample {entry.sample}" if entry.sample > 1 else "")
            head += f" · {entry.tokens:,} tokens · {entry.seconds:.1f} s"
            parts.append(Text(head, style="cyan"))
            parts.append(Markdown(entry.text, code_theme=CODE_THEME))
        elif entry.kind == "attempt":
            parts.append(Text(f"── {entry.text} " + "─" * 30, style="bold"))
        else:
            parts.append(Text(_ENTRY_MARK.get(entry.kind, "") + entry.text, style=_ENTRY_STYLE.get(entry.kind, "")))
    for sample in sorted(task.streams):
        parts.append(Text("answer arriving …" + (f" · sample {sample}" if sample > 1 else ""), style="cyan"))
        parts.append(Text(task.streams[sample] + "▌"))
    return Group(*parts)


def render_diff(task: TaskView) -> RenderableType:
    if not task.diff:
        return Text("No diff yet." if task.status == "pending" else "No diff recorded for this task.", style="dim")
    return Syntax(task.diff, "diff", theme=CODE_THEME, word_wrap=False, background_color="default")


def render_acceptance(task: TaskView) -> RenderableType:
    if not task.acceptance:
        failing = task.failing_output
        if failing:
            return Group(Text("failing output", style="bold red"), Text(failing))
        return Text("No acceptance run yet." if task.status == "pending" else "No acceptance output recorded.", style="dim")
    parts: list[RenderableType] = []
    for record in task.acceptance:
        where = f"attempt {record.attempt}" if record.stage == "attempt" else record.stage
        if record.passed:
            parts.append(Text(f"✔ {where}: {record.output}", style="green"))
            continue
        exit_text = f" · exit {record.exit_code}" if record.exit_code is not None else ""
        parts.append(Text(f"✘ {where}{exit_text}" + (f" · $ {record.command}" if record.command else ""), style="bold red"))
        if record.output:
            parts.append(Text(record.output.rstrip() + "\n"))
    return Group(*parts)


def render_details(model: RunModel, task: TaskView) -> RenderableType:
    status = model.display_status(task)
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    rows: list[tuple[str, str | Text]] = [
        ("task", task.id),
        ("title", task.title),
        ("spec", task.source or "?"),
        ("status", Text(status_label(status), style=status_style(status))),
        ("reason", task.reason or ""),
        ("files", ", ".join(task.files)),
        ("accept", "\n".join(task.accept)),
        ("depends on", ", ".join(task.depends_on)),
        ("review", task.review),
        ("rounds", str(task.rounds)),
        ("answers", f"{task.answers} ({task.prompt_tokens:,} prompt + {task.completion_tokens:,} completion tokens)"),
        ("solved by", task.tier or ""),
        ("per model", "\n".join(f"{tier.get('model')}: {tier.get('attempts')} attempt(s), {tier.get('tokens'):,} tokens, {tier.get('seconds', 0):.0f} s" for tier in task.tiers) if len(task.tiers) > 1 else ""),
        ("cost", f"${task.cost:.4f}"),
        ("seconds", f"{model.task_seconds(task):.1f}"),
        ("branch", task.branch or ""),
        ("commit", (task.commit or "")[:12]),
        ("merge commit", (task.merge_commit or "")[:12]),
    ]
    for name, value in rows:
        if value:
            table.add_row(name, value)
    return table


class DetailPane(VerticalScroll):
    """A scrolling area showing one renderable; `follow` keeps the end in view as it grows."""

    DEFAULT_CSS = """
    DetailPane { height: 1fr; padding: 0 1; }
    DetailPane > Static { width: 1fr; }
    """

    def __init__(self, follow: bool = False, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.follow = follow
        self._body = Static("", expand=True)

    def compose(self):  # type: ignore[override]
        yield self._body

    def on_mount(self) -> None:
        # Textual's anchor keeps the end in view at every layout as the content grows, until the
        # user scrolls up (and again once they scroll back to the end); no timing races with the redraw
        if self.follow:
            self.anchor()

    def show(self, renderable: RenderableType, reset: bool = False) -> None:
        self._body.update(renderable)
        if not reset:
            return
        if self.follow:
            self.scroll_end(animate=False)  # also re-arms an anchor the user released
        else:
            self.scroll_home(animate=False)
