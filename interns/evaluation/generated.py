"""Files a task does not store but has rendered when its repo is copied (the `big-*` tasks).

A `big-*` task changes one function of a 3,000+-line module. The module is the same for several
tasks but for that function, so it is rendered from the building blocks in
`bench/tasks/_generators/` instead of being stored in every task. The task.toml says which:

    [generated]
    module = "stockroom/inventory.py"   # the generated module (its base: _generators/big_stockroom.py)
    function = "plan_picks"             # without `bug` (implement): its body is `raise NotImplementedError`
    bug = [["key=lambda item: (-item[1], item[0])", "key=lambda item: (item[1], item[0])"]]
                                        # bugfix: (text of the complete module, text planted instead)

The generator runs as its own process (it is task-set data with its own imports, not part of
interns); its output depends on nothing but the building blocks, so it is cached per process.
"""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from interns.errors import BadInputError

GENERATOR = Path("_generators") / "render_big_task.py"  # under the task set folder
GENERATOR_TIMEOUT = 120.0


class GeneratedModule(BaseModel):
    """The [generated] table of a task.toml."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    module: str = Field(description="the generated module's path in the repo, e.g. stockroom/inventory.py")
    function: str = Field(description="the function the task is about: stubbed, or bugged by `bug`")
    bug: tuple[tuple[str, str], ...] = Field(default=(), description="bugfix: (text of the complete module, text planted instead)")


def render_generated(tasks_dir: Path, spec: GeneratedModule) -> dict[str, str]:
    """The generated files of a task whose task set folder is `tasks_dir`, by path relative to its repo."""
    return dict(_render(str(tasks_dir.resolve() / GENERATOR), spec))


@functools.lru_cache(maxsize=64)
def _render(script: str, spec: GeneratedModule) -> tuple[tuple[str, str], ...]:
    argv = [sys.executable, "-I", script, "--json", spec.model_dump_json()]
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=GENERATOR_TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise BadInputError(f"{script}: cannot render {spec.module}: {error}") from error
    if done.returncode != 0:
        raise BadInputError(f"{script}: cannot render {spec.module} ({spec.function}): {done.stderr.strip()[-2000:]}")
    return tuple(sorted(json.loads(done.stdout).items()))
