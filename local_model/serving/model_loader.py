"""The models a server may serve, and how one becomes an engine with its own batching scheduler.

`served_model("local/qwen2.5-coder-0.5b")` names a `--model` argument (a registered model, `local/<name>`
or a GGUF path) the way the API knows it; `EngineSettings` holds what every served model is loaded with
(`interns serve`'s options) and turns a model into a Scheduler, or into the memory it will need.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from interns.errors import BadInputError
from interns.local_model.registry import LOCAL_PREFIX, MODELS, bundled_name
from interns.local_model.serving.memory import MemoryNeed, estimate_need
from interns.local_model.serving.metrics import ServerMetrics
from interns.local_model.serving.scheduler import DEFAULT_PREFILL_CHUNK, Scheduler


@dataclass
class ServedModel:
    name: str  # what /v1/models lists and responses carry
    target: str | Path  # what Engine.load takes: a registered name or a GGUF path
    aliases: set[str] = field(default_factory=set)  # other names requests may use (local/<name>, the path given)
    created: int = field(default_factory=lambda: int(time.time()))

    def answers_to(self, requested: str) -> bool:
        return requested == self.name or requested in self.aliases


def served_model(argument: str) -> ServedModel:
    """The served model for a `--model` argument: a registered name, `local/<name>`, or a GGUF file."""
    name = bundled_name(argument) or argument
    if name in MODELS:
        return ServedModel(name, name, {f"{LOCAL_PREFIX}{name}"})
    path = Path(argument).expanduser()
    if path.is_file():
        return ServedModel(path.stem, path, {f"{LOCAL_PREFIX}{path.stem}", argument})
    raise BadInputError(f"--model {argument!r}: not a registered model ({', '.join(sorted(MODELS))}) nor a GGUF file")


def served_models(arguments: list[str]) -> list[ServedModel]:
    """Every `--model`, in order (the first is the default); a model named twice is an error."""
    models: list[ServedModel] = []
    for argument in arguments:
        model = served_model(argument)
        if any(other.name == model.name for other in models):
            raise BadInputError(f"--model {argument!r}: {model.name!r} is already served")
        models.append(model)
    return models


@dataclass(frozen=True)
class EngineSettings:
    """What each served model's engine and scheduler get (one set of `interns serve` options for all)."""

    quant: str = "int4"
    max_batch: int = 8
    context: int = 8192
    threads: int | None = None
    cache_dir: Path | None = None
    queue_size: int = 64
    prefix_cache_bytes: int = 512 << 20
    prefill_chunk: int = DEFAULT_PREFILL_CHUNK

    def path_of(self, model: ServedModel) -> Path:
        """The model's GGUF; a registered model is assembled from its parts on first use (disk only)."""
        if isinstance(model.target, Path):
            return model.target
        from interns.local_model.install import resolve_model_path

        return resolve_model_path(model.target, self.cache_dir)

    def need(self, model: ServedModel) -> MemoryNeed:
        return estimate_need(self.path_of(model), self.quant, self.max_batch, self.context, self.prefix_cache_bytes, self.cache_dir)

    def load(self, model: ServedModel, metrics: ServerMetrics) -> Scheduler:
        """The model's engine in a scheduler (not started yet) counting into `metrics`."""
        from interns.local_model.engine import Engine

        engine = Engine.load(self.path_of(model), quant=self.quant, n_slots=self.max_batch, max_seq_len=self.context, threads=self.threads, cache_dir=self.cache_dir)
        return Scheduler(engine, queue_size=self.queue_size, prefix_cache_bytes=self.prefix_cache_bytes, prefill_chunk=self.prefill_chunk, metrics=metrics)
