"""Where interns run, as a person names it: one list and one check for the config's `executor.backend`
and the `--executor` flag of `interns run`.

`in-process` (the default): every intern is a thread of the `interns run` process. `ray`: every intern
is a Ray task on any node of a Ray cluster (the `ray` extra; agents/executors/ray_executor.py).
"""

from __future__ import annotations

from typing import Literal, get_args

from interns.choices import Choice

ExecutorBackend = Literal["in-process", "ray"]
EXECUTOR_BACKENDS: tuple[str, ...] = get_args(ExecutorBackend)
EXECUTOR_HELP = "in-process | ray (in-process, the default: interns are threads of this process; ray: each intern is a Ray task on any node of a cluster, needs interns[ray])."
RAY_ADDRESS_HELP = "The Ray cluster for --executor ray, host:port (default: RAY_ADDRESS, else the config's executor.address, else a Ray started on this machine)."
EXECUTOR_CHOICE = Choice("--executor", EXECUTOR_BACKENDS)

executor_problem = EXECUTOR_CHOICE.problem
check_executor_flag = EXECUTOR_CHOICE.check_flag
