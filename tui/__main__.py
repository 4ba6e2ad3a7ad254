"""`python -m interns.tui`: the terminal UI without going through the `interns` command group."""

from __future__ import annotations

import sys

import click
import typer

from interns.errors import InternsError
from interns.exit_codes import ExitCode
from interns.tui.command import tui


def main(argv: list[str] | None = None) -> int:
    command = typer.main.get_command(_app())
    try:
        result = command.main(args=argv, prog_name="interns tui", standalone_mode=False)
        return int(result) if isinstance(result, int) else 0
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.ClickException as error:
        error.show()
        return int(ExitCode.BAD_INPUT)
    except InternsError as error:
        print(f"interns: {error}", file=sys.stderr)
        for problem in getattr(error, "problems", []):
            print(problem, file=sys.stderr)
        return int(error.exit_code)


def _app() -> typer.Typer:
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    app.command()(tui)
    return app


if __name__ == "__main__":
    sys.exit(main())
