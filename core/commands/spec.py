"""`interns spec check`: every problem of the specs as `path:line: message`."""

from __future__ import annotations

from pathlib import Path

import typer

from interns.exit_codes import ExitCode
from interns.specs import load_specs
from interns.tools.git_repo import GitRepo

app = typer.Typer(help="Work with spec files.", no_args_is_help=True)


@app.command("check")
def check(paths: list[Path] = typer.Argument(None, help="Spec files or folders (default: .interns/specs)."), repo: Path = typer.Option(Path("."), "--repo")) -> None:
    """Validate specs; exit 2 with `path:line: message` lines when anything is wrong."""
    root = GitRepo(repo, require_commit=False).root
    loaded = load_specs(root, list(paths) if paths else None)
    for problem in loaded.problems:
        typer.echo(str(problem), err=True)
    if loaded.problems:
        typer.echo(f"{len(loaded.problems)} problem(s)", err=True)
        raise typer.Exit(int(ExitCode.BAD_INPUT))
    typer.echo(f"{len(loaded.specs)} spec(s), {len(loaded.tasks)} task(s): ok")
    for task in loaded.tasks:
        deps = f"  (after {', '.join(task.depends_on)})" if task.depends_on else ""
        typer.echo(f"  {task.id}: {task.title}{deps}")
