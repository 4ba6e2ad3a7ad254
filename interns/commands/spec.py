"""`interns spec check`: every problem of the specs as `path:line: message`."""

from __future__ import annotations

from pathlib import Path

import typer

from interns.exit_codes import ExitCode
from interns.specs import load_specs
from interns.tools.git_repo import GitRepo

app = typer.Typer(help="Work with spec files.", no_args_is_help=True)


@app.command("check")
def check(
    paths: list[Path] = typer.Argument(None, help="Spec files or folders (default: the config's `specs`, as `interns run` reads them)."),
    repo: Path = typer.Option(Path("."), "--repo", help="The git repository (default: the current folder)."),
) -> None:
    """Validate specs: every problem of every file, one `path:line: message` line each, in one pass.

    With no paths, checks the files `interns run` would run: the config's `specs` setting (folders,
    files or globs). Lists the tasks with the ids `interns run` shows. Exit codes: 0 every spec is
    valid; 2 a spec (or the config) has a problem, or no spec file was found.
    """
    from interns.config import load_config
    from interns.specs.sources import configured_spec_files

    root = GitRepo(repo, require_commit=False).root
    chosen = list(paths) if paths else configured_spec_files(root, load_config(root).specs)
    loaded = load_specs(root, chosen or None)
    for problem in loaded.problems:
        typer.echo(str(problem), err=True)
    if loaded.problems:
        typer.echo(f"{len(loaded.problems)} problem(s)", err=True)
        raise typer.Exit(int(ExitCode.BAD_INPUT))
    typer.echo(f"{len(loaded.specs)} spec(s), {len(loaded.tasks)} task(s): ok")
    for task in loaded.tasks:
        deps = f"  (after {', '.join(task.depends_on)})" if task.depends_on else ""
        typer.echo(f"  {task.id}: {task.title}{deps}")
