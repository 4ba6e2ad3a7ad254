"""Exceptions that map to the documented exit codes."""

from __future__ import annotations

from interns.exit_codes import ExitCode


class InternsError(Exception):
    """Base class: carries the exit code the CLI returns for it."""

    exit_code: ExitCode = ExitCode.INFRASTRUCTURE


class BadInputError(InternsError):
    """Bad spec, config or flags (exit 2). `problems` holds `path:line: message` strings."""

    exit_code = ExitCode.BAD_INPUT

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or []


class InfrastructureError(InternsError):
    """The model, the sandbox or git failed for reasons outside the task (exit 3)."""

    exit_code = ExitCode.INFRASTRUCTURE


class ModelUnavailableError(InfrastructureError):
    """The model endpoint could not be reached (after retries)."""


class SandboxError(InfrastructureError):
    """The sandbox backend could not start or run a command."""


class TamperedError(SandboxError):
    """A sandbox command changed what the host trusts in a worktree (its `.git` link): the task fails
    with reason "tampered" and no git command runs in that worktree again."""


class RejectedResultError(InternsError):
    """A task's result from a worker node breaks the task's rules (a commit not on the task's base, a file
    outside its scope, a bundle git refuses): the task fails with reason "tampered", nothing is merged."""

    exit_code = ExitCode.TASKS_FAILED


class ExecutorError(InfrastructureError):
    """Interns cannot be run where the config says (`executor.backend = "ray"`): the `ray` extra is not
    installed, the cluster cannot be reached, or a task's workers kept dying past its retries (exit 3)."""


class StateUnavailableError(InfrastructureError):
    """The run state is configured to live in Postgres, but the `postgres` extra is not installed or the
    database cannot be reached (exit 3): nothing about the run is lost, fix it and run again."""
