"""Which backend serves a model string: the name -> class table, and the one place that reads it."""

from __future__ import annotations

from pathlib import Path

from interns.agents.models.litellm_backend import LitellmBackend
from interns.agents.models.local_backend import LocalBackend
from interns.agents.models.protocol import ModelBackend
from interns.agents.models.replay_backend import ReplayBackend
from interns.agents.models.router_backend import RouterBackend
from interns.local_model.registry import bundled_name

BACKENDS: dict[str, type] = {"litellm": LitellmBackend, "local": LocalBackend, "router": RouterBackend, "replay": ReplayBackend}


def backend_name(model: str) -> str:
    """`local` for a bundled model (`local/<name>`), else `litellm`."""
    return "local" if bundled_name(model) is not None else "litellm"


def backend_for(model: str, replay_path: Path | None = None, endpoints: dict[str, list[str]] | None = None) -> ModelBackend:
    """The backend of `model`: its own (litellm or local), behind a Router when `endpoints` lists
    servers for it; every model answers from the cassette when `replay_path` is set."""
    own = BACKENDS[backend_name(model)]()
    if replay_path is not None:
        return ReplayBackend(replay_path, own)
    if endpoints and endpoints.get(model):
        return RouterBackend(model, endpoints[model], own)
    return own


def supports_prefill(model: str, setting: str = "auto") -> bool:
    """Whether answers of `model` may start with our text (`models.prefill`: auto, on, off)."""
    if setting != "auto":
        return setting == "on"
    return backend_for(model).prefill_arguments(model) is not None
