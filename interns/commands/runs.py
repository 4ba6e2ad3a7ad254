"""`interns runs`: list this repository's runs; `runs rm RUN` and `runs gc` remove them."""

from __future__ import annotations

import json
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Optional

import typer
from rich.console import Console
from rich.table import Table

from interns.tools.git_repo import GitRepo

if TYPE_CHECKING:
    from interns.agents.run_removal import Removal

app = typer.Typer(help="List this repository's runs (`interns runs`), remove one (`rm`) or the old finished ones (`gc`).")

REPO_OPTION = typer.Option(Path("."), "--repo", help="The git repository (default: the current folder).")
SUB_REPO_OPTION = typer.Option(None, "--repo", help="The git repository (default: `interns runs --repo`, else the current folder).")


def _stdout_console() -> Console:
    # piped output (CI logs, scripts) gets wide lines instead of wrapped table cells
    return Console() if sys.stdout.isatty() else Console(width=200)


@app.callback(invoke_without_command=True)
def runs(
    context: typer.Context,
    repo: Path = REPO_OPTION,
    as_json: bool = typer.Option(False, "--json", help="Print the runs as a JSON list (one object per run: id, status, exit code, ...)."),
) -> None:
    """List this repository's runs (oldest first)."""
    if context.invoked_subcommand is not None:
        context.obj = repo  # `interns runs --repo X rm RUN` means the same as `interns runs rm RUN --repo X`
        return
    from interns.agents.run_store import open_run_store

    records = open_run_store(GitRepo(repo).state_dir).list()
    if as_json:
        keep = ("run_id", "created", "status", "exit_code", "summary", "spec_paths", "base_commit", "user_branch")
        typer.echo(json.dumps([{key: asdict(record)[key] for key in keep} for record in records], indent=2))
        return
    table = Table(title="runs")
    for column in ("run", "created", "status", "exit", "result", "specs"):
        table.add_column(column)
    for record in records:
        table.add_row(record.run_id, time.strftime("%Y-%m-%d %H:%M", time.localtime(record.created)), record.status, "" if record.exit_code is None else str(record.exit_code), record.summary, ", ".join(record.spec_paths))
    _stdout_console().print(table)


def _say(removal: "Removal") -> None:
    for line in removal.removed:
        typer.echo(f"removed {line}")
    for line in removal.kept:
        typer.echo(f"kept {line}")
    typer.echo(f"run {removal.run_id}: removed" if removal.removed else f"run {removal.run_id}: nothing left to remove")


@app.command("rm")
def rm(
    context: typer.Context,
    run_ids: list[str] = typer.Argument(..., help="The runs to remove (see `interns runs`)."),
    repo: Optional[Path] = SUB_REPO_OPTION,
) -> None:
    """Remove runs: their `interns/<run>/...` branches, worktrees, checkpoints and state files.

    Your branch and working tree are never touched. A run in progress (its driver holds the run lock)
    is refused with exit 2; so is an unknown run.
    """
    from interns.agents.run_removal import remove_run

    git_repo = GitRepo(repo or context.obj or Path("."))
    for run_id in run_ids:
        _say(remove_run(git_repo, run_id))


@app.command("gc")
def gc(
    context: typer.Context,
    older_than: float = typer.Option(30, "--older-than", min=0, help="Only runs created more than this many days ago (0: every finished run)."),
    dry_run: bool = typer.Option(False, "--dry-run", "-n", help="Only say which runs would be removed."),
    repo: Optional[Path] = SUB_REPO_OPTION,
) -> None:
    """Remove every finished run older than --older-than days, as `interns runs rm` does.

    Only runs that ended (status `finished`) are collected: interrupted or killed runs and runs awaiting
    review can still be resumed and are kept, as is any run in progress.
    """
    from interns.agents.run_removal import finished_runs, remove_run
    from interns.agents.run_store import open_run_store

    git_repo = GitRepo(repo or context.obj or Path("."))
    old = finished_runs(open_run_store(git_repo.state_dir), older_than)
    for record in old:
        if dry_run:
            typer.echo(f"would remove run {record.run_id} ({record.summary or record.status})")
        else:
            _say(remove_run(git_repo, record.run_id))
    typer.echo(f"{len(old)} finished run(s) older than {older_than:g} day(s)" + (" would be removed" if dry_run else " removed"))
