"""The `interns` command line: typer app; each design folder contributes its own sub-commands."""

from __future__ import annotations

import importlib
import sys

import click
import typer

from interns.errors import InternsError
from interns.exit_codes import ExitCode

# `-h` as well as `--help`: click hands the root's help option names down to every sub-command
HELP_OPTIONS = {"help_option_names": ["-h", "--help"]}

app = typer.Typer(
    name="interns",
    help="Local-first multi-agent coding assistant: crisp specs in, validated git commits out.",
    no_args_is_help=False,
    add_completion=True,  # --install-completion / --show-completion (bash, zsh, fish, PowerShell)
    context_settings=HELP_OPTIONS,
    pretty_exceptions_enable=False,
)

# (module, attribute, command name): sub-apps owned by the folders that implement them.
SUB_APPS: list[tuple[str, str, str]] = [
    ("interns.local_model.cli", "app", "model"),
    ("interns.sandbox.cli", "app", "sandbox"),
]


def _register_sub_apps() -> None:
    for module_name, attribute, name in SUB_APPS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name == module_name:  # that folder has not shipped its commands yet
                continue
            raise
        app.add_typer(getattr(module, attribute), name=name)




def _print_version(wanted: bool) -> None:
    if wanted:
        from interns import __version__

        typer.echo(f"interns {__version__}")
        raise typer.Exit(int(ExitCode.OK))


@app.callback(invoke_without_command=True)
def root(
    context: typer.Context,
    version: bool = typer.Option(False, "--version", is_eager=True, callback=_print_version, help="Print the interns version and exit."),
) -> None:
    """Local-first multi-agent coding assistant: crisp specs in, validated git commits out."""
    if context.invoked_subcommand is None:
        # a person at a terminal inside a repository gets the TUI; anything else the help
        from interns.tui.command import launch_without_arguments

        code = launch_without_arguments()
        if code is None:
            typer.echo(context.get_help())
        else:
            raise typer.Exit(code)


_register_sub_apps()


def _register_commands() -> None:
    from interns.commands import demo, init, run, runs, spec

    app.command("run")(run.run)
    app.command("resume")(run.resume)
    app.command("review")(run.review)
    app.command("retry")(run.retry)
    app.add_typer(runs.app, name="runs")
    app.command("status")(run.status)
    app.command("init")(init.init)
    app.command("demo")(demo.demo)
    from interns.evaluation.cli import eval_command
    from interns.local_model.serving.command import serve

    app.command("eval")(eval_command)
    app.command("serve")(serve)
    from interns.tui import command as tui_command

    app.command("tui")(tui_command.tui)
    app.add_typer(spec.app, name="spec")


_register_commands()


def _typer_errors() -> tuple[type[BaseException], ...]:
    """Bad flags or arguments: click's error class and, since typer ships its own copy of click (typer
    0.2x raises that copy's errors, based on typer's TyperException), typer's too. Catching only one
    let a misspelt flag end in a traceback."""
    vendored = getattr(importlib.import_module("typer.exceptions"), "TyperException", None)
    return (click.ClickException, vendored) if vendored is not None else (click.ClickException,)


CLICK_EXIT = tuple(dict.fromkeys((click.exceptions.Exit, typer.Exit)))
CLICK_ABORT = tuple(dict.fromkeys((click.exceptions.Abort, typer.Abort)))
CLICK_ERROR = _typer_errors()


def run_cli(argv: list[str] | None = None) -> int:
    """Run the command line and return its documented exit code (main() exits with it)."""
    try:
        # without standalone mode, click returns typer.Exit's code instead of raising it
        code = app(args=argv, prog_name="interns", standalone_mode=False)
        return int(code) if isinstance(code, int) else 0
    except CLICK_EXIT as done:
        return int(done.exit_code)  # type: ignore[attr-defined]
    except CLICK_ABORT:
        typer.echo("interns: interrupted", err=True)
        return int(ExitCode.INTERRUPTED)
    except CLICK_ERROR as error:  # bad flags or arguments
        if hasattr(error, "show"):
            error.show()
        else:
            typer.echo(f"interns: {error}", err=True)
        return int(ExitCode.BAD_INPUT)
    except InternsError as error:
        typer.echo(f"interns: {error}", err=True)
        for problem in getattr(error, "problems", []):
            typer.echo(problem, err=True)
        return int(error.exit_code)
    except KeyboardInterrupt:
        typer.echo("interns: interrupted", err=True)
        return int(ExitCode.INTERRUPTED)


def main() -> None:
    """Console entry point."""
    sys.exit(run_cli())


@app.command()
def version() -> None:
    """Print the interns version."""
    from interns import __version__

    typer.echo(__version__)
