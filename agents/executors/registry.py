"""Which executor runs the interns (`executor.backend`, `--executor`): the one place that reads it."""

from __future__ import annotations

from interns.agents.executors.in_process import InProcessExecutor
from interns.agents.executors.protocol import InternExecutor
from interns.config import Config


def executor_for(config: Config, ray_address: str | None = None) -> InternExecutor:
    """The executor `config.executor.backend` names; `ray_address` (`--ray-address`) wins over the
    environment's RAY_ADDRESS and the config's address. Ray is imported only when it is chosen."""
    if config.executor.backend == "ray":
        from interns.agents.executors.ray_executor import RayExecutor

        return RayExecutor(config, ray_address)
    return InProcessExecutor()
