"""The documented exit codes of every `interns` command."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0  # all tasks merged (or the command did what it was asked)
    TASKS_FAILED = 1  # some task failed validation or conflicted
    BAD_INPUT = 2  # bad spec, config or flags
    INFRASTRUCTURE = 3  # model, sandbox, git or the run-state database (Postgres) failed (not the task's fault)
    BUDGET_EXHAUSTED = 4  # a task ran out of attempts, tokens or seconds
    INTERRUPTED = 130  # Ctrl-C / SIGTERM
