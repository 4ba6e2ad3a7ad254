"""Where interns' commands run: `get_backend("docker" | "local" | None)` -> SandboxBackend.

    backend = get_backend(None)           # docker when usable, else SandboxError (never silently local)
    sandbox = backend.start(SandboxRequest(worktree, run_id, task_id))
    result = sandbox.exec("pytest -q", timeout=120)   # ExecResult(exit_code, output, ...)
    sandbox.stop()
    backend.prune(run_id)                 # leftovers of crashed runs

Backends are imported lazily so `interns.sandbox.protocol` stays cheap to import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from interns.sandbox.protocol import ExecResult, Sandbox, SandboxBackend, SandboxLimits, SandboxRequest

if TYPE_CHECKING:
    from interns.sandbox.registry import BackendChoice, NotIsolatedWarning, get_backend, select_backend

__all__ = [
    "BackendChoice",
    "ExecResult",
    "NotIsolatedWarning",
    "Sandbox",
    "SandboxBackend",
    "SandboxLimits",
    "SandboxRequest",
    "get_backend",
    "select_backend",
]


def __getattr__(name: str) -> Any:
    if name in ("BackendChoice", "NotIsolatedWarning", "get_backend", "select_backend"):
        from interns.sandbox import registry

        return getattr(registry, name)
    raise AttributeError(name)
