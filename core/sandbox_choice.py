"""The sandbox backends a person may name: one list and one check for the config and every `--sandbox`.

`sandbox.backend` in the config and the `--sandbox` flag of `interns run`, `eval`, `demo` and `tui`
accept the same names and refuse anything else with the same message.
"""

from __future__ import annotations

from typing import Literal, Optional, get_args

from interns.errors import BadInputError

SandboxBackend = Literal["auto", "docker", "local"]
SANDBOX_BACKENDS: tuple[str, ...] = get_args(SandboxBackend)
SANDBOX_HELP = "auto | docker | local (auto, the default, is docker, an error without a usable engine; local is NOT isolated and only used when named)."


def sandbox_problem(value: object) -> str | None:
    """Why `value` is not a sandbox backend, or None when it is one."""
    if isinstance(value, str) and value in SANDBOX_BACKENDS:
        return None
    return f"'{value}' is not one of {', '.join(SANDBOX_BACKENDS)}"


def check_sandbox_flag(value: Optional[str]) -> Optional[str]:
    """The `--sandbox` value, checked (None = not given: the config decides)."""
    if value is None:
        return None
    problem = sandbox_problem(value)
    if problem is not None:
        raise BadInputError(f"--sandbox: {problem}")
    return value
