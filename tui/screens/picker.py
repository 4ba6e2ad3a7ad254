"""The spec picker: the repo's specs with `spec check` problems inline, and the earlier runs.

Specs and runs load in a thread worker (they read git and the file system); a spec with problems
cannot be selected until it is fixed (open it with `e`).
"""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from interns.tui.widgets.quiet_header import QuietHeader
from textual.widgets import Button, DataTable, Footer, Label, SelectionList, Static
from textual.widgets.selection_list import Selection

from interns.tui.editor import open_in_editor
from interns.tui.run_controller import RunController
from interns.tui.spec_catalog import SpecCatalog, SpecEntry, load_catalog
from interns.tui.status_style import RUN_STATUS_STYLE
from interns.tui.stored_run import StoredRun, stored_runs


def spec_prompt(entry: SpecEntry) -> Text:
    text = Text()
    text.append(Path(entry.path).name, style="bold")
    if entry.title:
        text.append(f"  {entry.title}")
    if entry.problems:
        text.append(f"  ✘ {len(entry.problems)} problem{'s' if len(entry.problems) > 1 else ''}", style="bold red")
    else:
        count = len(entry.task_ids)
        text.append(f"  {count} task{'s' if count != 1 else ''}", style="dim")
    if entry.uncommitted:
        text.append("  (uncommitted)", style="yellow")
    return text


def problems_text(catalog: SpecCatalog) -> Text:
    if not catalog.entries:
        return Text("No specs in .interns/specs/ — create one with `interns init`.", style="yellow")
    if not catalog.problems:
        return Text("spec check: no problems", style="green")
    text = Text()
    for problem in catalog.problems:
        text.append("✘ ", style="red")
        text.append(f"{problem.path}:{problem.line}", style="bold")
        text.append(f": {problem.message}\n")
    return text


class PickerScreen(Screen):
    BINDINGS = [
        Binding("r", "run", "Run selected"),
        Binding("o", "open_run", "Open run"),
        Binding("R", "resume_run", "Resume run"),
        Binding("e", "edit_spec", "Edit spec"),
        Binding("d", "toggle_dirty", "Allow dirty"),
        Binding("f5", "reload", "Reload"),
        Binding("tab", "focus_next", "Switch pane", show=False),
    ]

    DEFAULT_CSS = """
    PickerScreen #lists { height: 1fr; }
    PickerScreen #specs-side { width: 2fr; }
    PickerScreen #runs-side { width: 3fr; }
    PickerScreen .pane-title { padding: 0 1; text-style: bold; background: $panel; width: 1fr; }
    PickerScreen SelectionList { height: 1fr; }
    PickerScreen #problems { height: auto; max-height: 12; padding: 0 1; }
    PickerScreen #runs { height: 1fr; }
    PickerScreen #message { height: auto; padding: 0 1; }
    PickerScreen #buttons { height: 3; }
    PickerScreen #buttons Button { margin: 0 1; }
    """

    def __init__(self, controller: RunController) -> None:
        super().__init__()
        self.sub_title = Path(controller.repo).name  # before mount (see RunScreen)
        self.controller = controller
        self.catalog: SpecCatalog | None = None
        self.runs: list[StoredRun] = []
        self.loaded = False  # specs and runs shown at least once

    def compose(self) -> ComposeResult:
        yield QuietHeader(show_clock=False)
        with Horizontal(id="lists"):
            with Vertical(id="specs-side"):
                yield Label("Specs  (space: select · r: run)", classes="pane-title")
                yield SelectionList[str](id="specs")
                yield Static("", id="problems")
            with Vertical(id="runs-side"):
                yield Label("Runs  (enter: open · R: resume)", classes="pane-title")
                yield DataTable(id="runs", cursor_type="row")
        yield Static("", id="message")
        with Horizontal(id="buttons"):
            yield Button("Run selected (r)", id="run", variant="primary")
            yield Button("Open run (o)", id="open")
        yield Footer()

    def on_mount(self) -> None:
        runs = self.query_one("#runs", DataTable)
        for key, label in (("run", "run"), ("created", "created"), ("status", "status"), ("result", "result"), ("specs", "specs")):
            runs.add_column(label, key=key)
        self._show_message()
        self.action_reload()

    def on_screen_resume(self) -> None:
        self.action_reload()

    # -- loading ----------------------------------------------------------------------------------
    def action_reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="picker-load")
    def _load(self) -> None:
        root = Path(self.controller.repo)
        catalog = load_catalog(root)
        runs = stored_runs(root / ".interns" / "state")
        self.app.call_from_thread(self._show, catalog, runs)

    def _show(self, catalog: SpecCatalog, runs: list[StoredRun]) -> None:
        self.catalog, self.runs = catalog, runs
        specs = self.query_one("#specs", SelectionList)
        chosen = set(specs.selected)
        highlighted = specs.highlighted
        specs.clear_options()
        specs.add_options([Selection(spec_prompt(entry), entry.path, entry.path in chosen and entry.ok, disabled=not entry.ok) for entry in catalog.entries])
        if catalog.entries:
            specs.highlighted = min(highlighted or 0, len(catalog.entries) - 1)
        self.query_one("#problems", Static).update(problems_text(catalog))
        table = self.query_one("#runs", DataTable)
        cursor = table.cursor_row
        table.clear()
        for stored in runs:
            record = stored.record
            status = "running (here)" if self.controller.active and self.controller.model is not None and self.controller.model.run_id == record.run_id else stored.status
            table.add_row(
                record.run_id, time.strftime("%m-%d %H:%M", time.localtime(record.created)), Text(status.replace("_", " "), style=RUN_STATUS_STYLE.get(status.split(" ")[0], "")),
                record.summary, ", ".join(Path(path).name for path in record.spec_paths), key=record.run_id,
            )
        if runs:
            table.move_cursor(row=min(cursor, len(runs) - 1))
        self.loaded = True

    def _show_message(self, text: str | Text = "") -> None:
        dirty = Text("  allow dirty tree: on (runs use the last commit)", style="yellow") if self.controller.launch.allow_dirty else Text("")
        message = Text(text) if isinstance(text, str) else text
        self.query_one("#message", Static).update(message + dirty)

    # -- specs ------------------------------------------------------------------------------------
    def _highlighted_spec(self) -> SpecEntry | None:
        specs = self.query_one("#specs", SelectionList)
        if self.catalog is None or specs.highlighted is None or specs.highlighted >= len(self.catalog.entries):
            return None
        return self.catalog.entries[specs.highlighted]

    def chosen_specs(self) -> list[str]:
        """The selected specs, or the highlighted one when none is selected."""
        selected = list(self.query_one("#specs", SelectionList).selected)
        if selected:
            return selected
        entry = self._highlighted_spec()
        return [entry.path] if entry is not None else []

    def action_run(self) -> None:
        if self.controller.active:
            self._show_message(Text("A run is in progress in this window; open it from the runs list.", style="yellow"))
            return
        chosen = self.chosen_specs()
        if not chosen:
            self._show_message(Text("No spec to run: add one to .interns/specs/.", style="yellow"))
            return
        troubled = [path for path in chosen if (entry := self.catalog.entry(path) if self.catalog else None) is not None and not entry.ok]
        if troubled:
            self._show_message(Text(f"Fix the problems in {', '.join(troubled)} first (e opens the spec).", style="red"))
            return
        root = Path(self.controller.repo)
        self.controller.start([str(root / path) for path in chosen])
        self._show_message()
        from interns.tui.screens.run_view import RunScreen

        assert self.controller.model is not None
        self.app.push_screen(RunScreen(self.controller, self.controller.model))

    def action_edit_spec(self) -> None:
        entry = self._highlighted_spec()
        if entry is None:
            return
        line = entry.problems[0].line if entry.problems else 1
        code = open_in_editor(self.app, Path(self.controller.repo) / entry.path, max(line, 1))
        if code != 0:
            self._show_message(Text(f"the editor exited with {code}", style="yellow"))
        self.action_reload()

    def action_toggle_dirty(self) -> None:
        self.controller.launch = replace(self.controller.launch, allow_dirty=not self.controller.launch.allow_dirty)
        self._show_message()

    # -- runs ---------------------------------------------------------------------------------------
    def _highlighted_run(self) -> StoredRun | None:
        table = self.query_one("#runs", DataTable)
        if not self.runs or table.row_count == 0:
            return None
        return self.runs[min(table.cursor_row, len(self.runs) - 1)]

    def action_open_run(self, resume: bool = False) -> None:
        stored = self._highlighted_run()
        if stored is None:
            self._show_message(Text("No runs yet.", style="yellow"))
            return
        self.app.open_run(stored, resume=resume)  # type: ignore[attr-defined]

    def action_resume_run(self) -> None:
        stored = self._highlighted_run()
        if stored is not None and not stored.resumable:
            self._show_message(Text(f"run {stored.record.run_id} is {stored.status}, not interrupted", style="yellow"))
            return
        self.action_open_run(resume=True)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "runs":
            self.action_open_run()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "run":
            self.action_run()
        elif event.button.id == "open":
            self.action_open_run()
