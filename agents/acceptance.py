"""Run a task's acceptance commands in a sandbox; the first failure is what the model hears about.

A task's time budget is a limit, not a hint: with a `deadline` (time.monotonic() at which the task's
seconds run out), each command's timeout is the smaller of its own limit and what is left of the
budget, and a command cut short by the budget (or never started because nothing was left) is reported
as `out_of_time`, which the intern turns into `budget:seconds`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from interns.sandbox.protocol import Sandbox


@dataclass(frozen=True)
class AcceptanceResult:
    passed: bool
    command: str | None = None  # the failing command
    exit_code: int = 0
    output: str = ""  # the failing command's output; when all pass, the last command's
    timed_out: bool = False
    out_of_memory: bool = False
    out_of_time: bool = False  # the task's time budget ran out during (or before) `command`


def run_acceptance(sandbox: Sandbox, commands: tuple[str, ...], timeout_s: float, deadline: float | None = None) -> AcceptanceResult:
    """Run `commands` in order until one fails. `timeout_s` is each command's own limit; `deadline`
    (a time.monotonic() value, e.g. when the task's seconds budget ends) caps every command's timeout."""
    output = ""
    for command in commands:
        timeout, budget_bound = timeout_s, False
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0:
                return AcceptanceResult(False, command, 124, "(not run: the task's time budget is used up)", timed_out=True, out_of_time=True)
            if left < timeout_s:
                timeout, budget_bound = left, True
        result = sandbox.exec(command, timeout=timeout)
        if not result.ok:
            output = result.output
            out_of_time = result.timed_out and budget_bound
            if out_of_time:
                output += f"\n(killed: the task's time budget ran out after {timeout:.1f} s of this command)"
            elif result.timed_out:
                output += f"\n(killed: the command ran longer than {timeout_s:.0f} s)"
            if result.out_of_memory:
                output += "\n(killed: out of memory)"
            return AcceptanceResult(False, command, result.exit_code, output, result.timed_out, result.out_of_memory, out_of_time)
        output = result.output
    return AcceptanceResult(True, output=output)
