"""`interns eval` called in this process, as the CLI would run it (it starts `interns run` itself)."""

from __future__ import annotations

import click

from interns.evaluation.cli import app


def eval_cli(*args: str) -> int:
    """The exit code of `interns eval ARGS`."""
    try:
        code = app(args=list(args), prog_name="interns eval", standalone_mode=False)
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    return int(code) if isinstance(code, int) else 0
