"""`interns tui` (and `interns` alone inside a repository): open the terminal UI.

Mount with `app.command("tui")(interns.tui.command.tui)`; for a bare `interns`, call
`launch_without_arguments()`, which opens the UI when run in a git repository on a terminal and
returns None otherwise (then print the help as before).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Optional

import typer

from interns import run_options as flags
from interns.errors import BadInputError
from interns.exit_codes import ExitCode
from interns.run_options import RunOptions

QUIT_GRACE_SECONDS = 2.0  # a run thread still busy after this is left to its checkpoint


def repo_root(path: Path) -> Path | None:
    """The enclosing git work tree, or None."""
    try:
        done = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=path, capture_output=True, text=True, timeout=15)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return Path(done.stdout.strip()) if done.returncode == 0 and done.stdout.strip() else None


def run_app(repo: Path, launch: RunOptions | None = None, open_run: str | None = None) -> int:
    """Run the app until the person quits; returns the exit code (130 when a run was left to resume)."""
    from interns.tui.app import InternsApp

    app = InternsApp(repo, launch, open_run=open_run)
    app.run()
    code = app.return_code or 0
    if not app.controller.wait(QUIT_GRACE_SECONDS):
        # interns are still busy with the model or a sandbox: their round is redone on resume, so stop
        # here instead of waiting (the same state as a killed run, which the checkpoint is made for)
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code or int(ExitCode.INTERRUPTED))
    return code


def tui(
    repo: Path = flags.REPO,
    run_id: Optional[str] = typer.Option(None, "--run", help="Open this run (see `interns runs`)."),
    model: Optional[str] = flags.MODEL,
    planner_model: Optional[str] = flags.PLANNER_MODEL,
    sandbox: Optional[str] = flags.SANDBOX,
    parallel: Optional[int] = flags.PARALLEL,
    attempts: Optional[int] = flags.ATTEMPTS,
    best_of: Optional[int] = flags.BEST_OF,
    record: Optional[Path] = flags.RECORD,
    replay: Optional[Path] = flags.REPLAY,
    allow_dirty: bool = flags.ALLOW_DIRTY,
) -> None:
    """Open the terminal UI: pick specs, watch the interns work, read diffs, approve merges."""
    root = repo_root(repo.resolve()) if repo.exists() else None
    if root is None:
        raise BadInputError(f"{repo}: not a git repository (run `git init` and commit first)")
    if replay is not None and not replay.is_file():
        raise BadInputError(f"--replay {replay}: no such cassette")
    if run_id is not None:
        from interns.agents.run_store import open_run_store

        open_run_store(root / ".interns" / "state").load(run_id)  # an unknown run is bad input, said before the screen opens
    launch = RunOptions(
        model=model, planner_model=planner_model, sandbox=sandbox, parallel=parallel, attempts=attempts, best_of=best_of,
        record=str(record.resolve()) if record else None, replay=str(replay.resolve()) if replay else None, allow_dirty=allow_dirty,
    )
    raise typer.Exit(run_app(root, launch, open_run=run_id))


def launch_without_arguments() -> int | None:
    """`interns` with no arguments: the UI when on a terminal inside a git repository, else None."""
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        return None
    root = repo_root(Path.cwd())
    if root is None:
        return None
    return run_app(root)
