"""Run a task's acceptance commands in a sandbox; the first failure is what the model hears about."""

from __future__ import annotations

from dataclasses import dataclass

from interns.sandbox.protocol import Sandbox


@dataclass(frozen=True)
class AcceptanceResult:
    passed: bool
    command: str | None = None  # the failing command
    exit_code: int = 0
    output: str = ""
    timed_out: bool = False
    out_of_memory: bool = False


def run_acceptance(sandbox: Sandbox, commands: tuple[str, ...], timeout_s: float) -> AcceptanceResult:
    for command in commands:
        result = sandbox.exec(command, timeout=timeout_s)
        if not result.ok:
            output = result.output
            if result.timed_out:
                output += f"\n(killed: the command ran longer than {timeout_s:.0f} s)"
            if result.out_of_memory:
                output += "\n(killed: out of memory)"
            return AcceptanceResult(False, command, result.exit_code, output, result.timed_out, result.out_of_memory)
    return AcceptanceResult(True)

