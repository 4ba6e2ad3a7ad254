"""`interns sandbox ...`: build the sandbox image, show what is available, prune leftovers."""

from __future__ import annotations

import json
import sys

import typer
from rich.console import Console
from rich.table import Table

from interns.errors import SandboxError
from interns.sandbox.docker_connection import connect_engine, engine_address
from interns.sandbox.image import build_image, debian_mirror, default_image_tag, image_exists, offline_build_blocker

app = typer.Typer(help="Docker sandboxes: build the image, show status, remove leftovers.", no_args_is_help=True)


def _stderr(line: str) -> None:
    typer.echo(line, err=True)


@app.command()
def build(
    method: str = typer.Option("auto", help="auto (Dockerfile when a registry answers, else debootstrap), dockerfile or debootstrap."),
    mirror: str = typer.Option(None, help="Debian mirror for debootstrap (default: the one configured for apt)."),
    force: bool = typer.Option(False, "--force", help="Rebuild even when the tag exists."),
) -> None:
    """Build the sandbox image interns-sandbox:<recipe hash>; a no-op when it already exists."""
    client = connect_engine()
    result = build_image(client, method=method, mirror=mirror, force=force, log=_stderr)
    if result.built:
        typer.echo(f"built {result.tag} ({result.method}, {result.seconds:.0f} s)")
    else:
        typer.echo(f"{result.tag} already present")


@app.command()
def tag() -> None:
    """Print the tag the current recipe builds (interns-sandbox:<hash12>)."""
    typer.echo(default_image_tag())


@app.command()
def info(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Is a Docker engine reachable, is the sandbox image present, what would `auto` choose."""
    facts: dict[str, object] = {"engine": engine_address(), "image": default_image_tag()}
    try:
        client = connect_engine()
    except SandboxError as error:
        facts.update(engine_reachable=False, engine_error=str(error), image_present=False)
    else:
        version = client.version()
        facts.update(engine_reachable=True, engine_version=version.get("Version"), image_present=image_exists(client, default_image_tag()))
        facts["sandbox_containers"] = len(client.containers.list(all=True, filters={"label": "interns.sandbox"}))
        client.close()
    blocker = offline_build_blocker()
    facts.update(offline_build=blocker is None, offline_build_blocker=blocker, debian_mirror=debian_mirror())
    if facts["engine_reachable"] and (facts["image_present"] or blocker is None):
        facts["auto_backend"] = "docker"
    else:
        facts["auto_backend"] = "none: runs stop with exit 3 (`--sandbox local` runs NOT isolated)"
    if as_json:
        typer.echo(json.dumps(facts, indent=2))
        return
    table = Table(show_header=False, box=None)
    for key, value in facts.items():
        if value is not None:
            table.add_row(key.replace("_", " "), str(value))
    Console(file=sys.stdout).print(table)


@app.command()
def prune(
    run: str = typer.Option(None, "--run", help="Only this run's sandboxes."),
    force: bool = typer.Option(False, "--force", help="Also remove sandboxes of runs that are still alive."),
    local: bool = typer.Option(True, help="Also kill stray processes of local sandboxes."),
) -> None:
    """Remove sandbox containers (and local stray processes) left by runs whose process died."""
    from interns.sandbox.docker_backend import DockerBackend
    from interns.sandbox.local_backend import LocalBackend

    backend = DockerBackend(pool_size=0)
    removed = backend.prune(run, force=force)
    killed = LocalBackend().prune(run) if local else 0
    typer.echo(f"removed {removed} container(s)" + (f", killed {killed} local process(es)" if local else ""))
