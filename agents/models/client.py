"""Every model call of a run goes through here: the model's backend (registry.py), litellm, retries,
streaming, usage, recording."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

# litellm otherwise fetches its price list from the network at import (unreachable offline)
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

import litellm  # noqa: E402

from interns.agents.cassette import Recorder
from interns.agents.models import replay_backend
from interns.agents.models.protocol import ModelBackend
from interns.agents.models.registry import backend_for
from interns.errors import InternsError, ModelUnavailableError
from interns.exit_codes import ExitCode

litellm.suppress_debug_info = True
litellm.drop_params = True  # a provider that lacks `seed` (say) still answers

TRANSIENT_ERRORS: tuple[type[Exception], ...] = (
    litellm.exceptions.APIConnectionError,
    litellm.exceptions.Timeout,
    litellm.exceptions.ServiceUnavailableError,
    litellm.exceptions.InternalServerError,
    litellm.exceptions.RateLimitError,
    litellm.exceptions.APIError,
)


STREAM_FLUSH_S = 0.05  # batch streamed text so a fast model does not flood the event stream

PERMANENT_ERRORS: tuple[type[Exception], ...] = (
    litellm.exceptions.AuthenticationError,
    litellm.exceptions.NotFoundError,
    litellm.exceptions.BadRequestError,
    litellm.exceptions.PermissionDeniedError,
)


class PromptTooLongError(InternsError):
    """The task's prompt does not fit the model: a failed task, not a broken model."""

    exit_code = ExitCode.TASKS_FAILED


@dataclass(frozen=True)
class ModelAnswer:
    text: str
    prompt_tokens: int
    completion_tokens: int
    cost: float
    seconds: float


@dataclass
class ModelClient:
    """Calls models by model string (litellm's, or `local/<name>` for the bundled engine)."""

    timeout_s: float = 600
    retries: int = 2
    record_path: Path | None = None
    replay_path: Path | None = None
    endpoints: dict[str, list[str]] = field(default_factory=dict)  # `models.endpoints`: servers per model

    def __post_init__(self) -> None:
        self._recorder = Recorder(self.record_path) if self.record_path else None
        self._backends: dict[str, ModelBackend] = {}  # one per model: a Router keeps its servers' load and health
        self._backends_lock = threading.Lock()
        if self.replay_path:
            replay_backend.register()
            replay_backend.cassette_for(str(self.replay_path))  # a missing or broken cassette is bad input, now

    def keep_recorded(self, lines: list[str]) -> None:
        """Add calls recorded elsewhere (an intern on a Ray worker node) to this run's cassette."""
        if self._recorder is not None and lines:
            self._recorder.append_lines(lines)

    def complete(self, model: str, messages: list[dict[str, str]], *, temperature: float = 0.0, max_tokens: int = 2048, seed: int | None = None, meta: dict[str, Any] | None = None, on_text: Callable[[str], None] | None = None, prefill: str | None = None, stop: list[str] | None = None) -> ModelAnswer:
        """One answer. With `on_text`, live models stream and the text arrives in pieces as it is
        generated (replayed answers arrive whole). With `prefill` the answer starts with that text
        (an open assistant message the model continues); the returned text is the continuation."""
        params: dict[str, Any] = {"temperature": temperature, "max_tokens": max_tokens}
        if seed is not None:
            params["seed"] = seed
        if stop:
            params["stop"] = stop
        backend = self._backend(model)
        extra: dict[str, Any] = {}
        if prefill is not None:
            messages = [*messages, {"role": "assistant", "content": prefill}]
            extra = backend.prefill_arguments(model) or {}
        started = time.monotonic()
        response = None
        last_error: Exception | None = None
        for attempt in range(self.retries + 1):
            try:
                if on_text is not None and not self.replay_path:
                    response = self._streamed(backend, model, messages, {**params, **extra}, on_text)
                else:
                    response = backend.completion(model, messages=messages, timeout=self.timeout_s, **params, **extra)
                break
            except litellm.exceptions.ContextWindowExceededError as error:
                raise PromptTooLongError(f"model {model}: the prompt does not fit the context window") from error
            except PERMANENT_ERRORS as error:
                last_error = error
                break
            except TRANSIENT_ERRORS as error:
                last_error = error
                if "replay:" in str(error):
                    break  # a replay miss does not heal by retrying
                if attempt < self.retries:
                    time.sleep(min(2.0 * (attempt + 1), 10.0))
        if response is None:
            raise ModelUnavailableError(f"model {model} is unreachable: {_short(last_error)}") from last_error
        text = response.choices[0].message.content or ""
        usage = getattr(response, "usage", None)
        prompt_tokens = int(getattr(usage, "prompt_tokens", 0) or 0)
        completion_tokens = int(getattr(usage, "completion_tokens", 0) or 0)
        try:
            cost = float(litellm.completion_cost(completion_response=response)) if not self.replay_path else 0.0
        except Exception:  # unknown price (local and custom models): cost is not known, count 0
            cost = 0.0
        if self._recorder:
            self._recorder.record(model, messages, params, text, {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens}, meta or {})
        return ModelAnswer(text, prompt_tokens, completion_tokens, cost, time.monotonic() - started)


    def _backend(self, model: str) -> ModelBackend:
        with self._backends_lock:
            if model not in self._backends:
                self._backends[model] = backend_for(model, self.replay_path, self.endpoints)
            return self._backends[model]

    def _streamed(self, backend: ModelBackend, model: str, messages: list[dict[str, str]], params: dict[str, Any], on_text: Callable[[str], None]) -> Any:
        """Stream the answer, handing text to `on_text` in pieces of about 50 ms; returns the whole
        response (with usage) rebuilt from the chunks."""
        chunks = []
        pending, last_flush = "", time.monotonic()
        stream = backend.completion(model, messages=messages, timeout=self.timeout_s, stream=True, stream_options={"include_usage": True}, **params)
        for chunk in stream:
            chunks.append(chunk)
            delta = chunk.choices[0].delta.content if chunk.choices else None
            if delta:
                pending += delta
            if pending and time.monotonic() - last_flush >= STREAM_FLUSH_S:
                on_text(pending)
                pending, last_flush = "", time.monotonic()
        if pending:
            on_text(pending)
        return litellm.stream_chunk_builder(chunks, messages=messages)


def _short(error: Exception | None) -> str:
    if error is None:
        return "no answer"
    text = str(error).strip().splitlines()
    return text[0][:300] if text else type(error).__name__
