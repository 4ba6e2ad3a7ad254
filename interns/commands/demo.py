"""`interns demo`: the whole loop on a throw-away repository, for a first look."""

from __future__ import annotations

import inspect
import subprocess
import tempfile
from pathlib import Path
from typing import Any, Callable, Optional

import typer

from interns.commands.init import EXAMPLE_CONFIG, EXAMPLE_SPEC
from interns.sandbox_choice import SANDBOX_HELP, check_sandbox_flag

RECORDED = Path(__file__).resolve().parent.parent / "assets" / "hello-cassette.jsonl"


def make_demo_repo(where: Path) -> Path:
    """A small git repository holding the example spec, committed."""
    where.mkdir(parents=True, exist_ok=True)
    (where / ".interns" / "specs").mkdir(parents=True, exist_ok=True)
    (where / ".interns" / "specs" / "hello.md").write_text(EXAMPLE_SPEC)
    (where / ".interns" / "config.toml").write_text(EXAMPLE_CONFIG)
    (where / "README.md").write_text("# demo\n")
    identity = ["-c", "user.name=interns demo", "-c", "user.email=demo@localhost"]
    for command in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"], ["git", *identity, "commit", "-qm", "demo: a spec to run"]):
        subprocess.run(command, cwd=where, check=True, capture_output=True)
    return where


def _with_defaults(command: Callable[..., Any], **given: Any) -> Any:
    """Call a typer command function directly: every parameter not given takes its option's default,
    so a flag added to `interns run` cannot break the demo (it did twice)."""
    arguments = {}
    for name, parameter in inspect.signature(command).parameters.items():
        default = parameter.default
        arguments[name] = given[name] if name in given else getattr(default, "default", default)
    return command(**arguments)


def demo(
    directory: Optional[Path] = typer.Option(None, "--dir", help="Where to create the demo repository (default: a temporary folder)."),
    recorded: bool = typer.Option(False, "--recorded", help="Answer from the recorded cassette shipped with interns instead of a live model."),
    model: Optional[str] = typer.Option(None, "--model", "-m", help="Model for the interns (default: the bundled local model)."),
    sandbox: Optional[str] = typer.Option(None, "--sandbox", callback=check_sandbox_flag, help=SANDBOX_HELP),
) -> None:
    """Create a demo repository with one spec and run it end to end."""
    from interns.commands.run import run as run_command
    from interns.errors import SandboxError

    target = directory or Path(tempfile.mkdtemp(prefix="interns-demo-"))
    repo = make_demo_repo(target)
    typer.echo(f"demo repository: {repo}\nspec: .interns/specs/hello.md")
    try:
        _with_defaults(
            run_command, specs=[], repo=repo, model=model, sandbox=sandbox, json_path=repo / ".interns" / "state" / "demo-report.json",
            replay=RECORDED if recorded else None, apply=True,
        )
    except SandboxError as error:
        if sandbox is not None:
            raise
        # No usable sandbox on this machine: say so, and offer the unisolated way only as an explicit choice.
        again = " ".join(["interns demo", *(["--recorded"] if recorded else []), *(["--model", model] if model else []), "--sandbox", "local"])
        raise SandboxError(
            f"{error}\nThis machine has no usable sandbox for the demo. To run it anyway, with its commands "
            f"NOT isolated (they run on this machine as you): {again}"
        ) from error
