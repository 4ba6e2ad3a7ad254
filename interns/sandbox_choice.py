"""The sandbox backends a person may name: one list and one check for the config and every `--sandbox`.

`sandbox.backend` in the config and the `--sandbox` flag of `interns run`, `eval`, `demo` and `tui`
accept the same names and refuse anything else with the same message.
"""

from __future__ import annotations

from typing import Literal, get_args

from interns.choices import Choice

SandboxBackend = Literal["auto", "docker", "local"]
SANDBOX_BACKENDS: tuple[str, ...] = get_args(SandboxBackend)
SANDBOX_HELP = "auto | docker | local (auto, the default, is docker, an error without a usable engine; local is NOT isolated and only used when named)."
SANDBOX_CHOICE = Choice("--sandbox", SANDBOX_BACKENDS)

sandbox_problem = SANDBOX_CHOICE.problem  # why a value is not a sandbox backend (None when it is one)
check_sandbox_flag = SANDBOX_CHOICE.check_flag  # the `--sandbox` value, checked (None = not given)
