"""Answers from a cassette (`--replay FILE`): a litellm custom provider.

Going through litellm (not around it) keeps replayed runs on the same code path as live ones:
usage accounting, response objects and error handling are litellm's. The prompt (with any prefill)
is what the cassette is matched on; the model's own backend says whether a prefill is sent.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import litellm
from litellm import CustomLLM
from litellm.llms.custom_llm import CustomLLMError

from interns.agents.cassette import Cassette

PROVIDER = "interns-replay"
_cassettes: dict[str, Cassette] = {}
_lock = threading.Lock()


def cassette_for(path: str) -> Cassette:
    with _lock:
        if path not in _cassettes:
            _cassettes[path] = Cassette(Path(path))
        return _cassettes[path]


def forget_cassettes() -> None:
    """Drop loaded cassettes (each run starts with every entry unused)."""
    with _lock:
        _cassettes.clear()


class ReplayLLM(CustomLLM):
    def completion(self, model: str, messages: list, api_base: str, custom_prompt_dict: dict, model_response: Any, print_verbose: Any, encoding: Any, api_key: Any, logging_obj: Any, optional_params: dict, *args: Any, **kwargs: Any) -> Any:
        cassette = cassette_for(api_base)
        params = {key: optional_params[key] for key in ("temperature", "seed", "max_tokens", "stop") if key in optional_params}
        entry = cassette.answer(messages, params)
        if entry is None:
            raise CustomLLMError(status_code=404, message=f"replay: no unused answer in {api_base} for this request (model {model})")
        return litellm.ModelResponse(
            model=model,
            choices=[{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": entry.response}}],
            usage={
                "prompt_tokens": entry.usage.get("prompt_tokens", 0),
                "completion_tokens": entry.usage.get("completion_tokens", 0),
                "total_tokens": entry.usage.get("prompt_tokens", 0) + entry.usage.get("completion_tokens", 0),
            },
        )


def register() -> None:
    """Install the provider into litellm once."""
    if not any(item.get("provider") == PROVIDER for item in litellm.custom_provider_map):
        litellm.custom_provider_map.append({"provider": PROVIDER, "custom_handler": ReplayLLM()})


class ReplayBackend:
    name = "replay"

    def __init__(self, cassette: Path, live: Any) -> None:
        self.cassette = cassette
        self.live = live  # the model's own backend: what it would do with a prefill

    def completion(self, model: str, **arguments: Any) -> Any:
        register()
        return litellm.completion(model=f"{PROVIDER}/{model}", api_base=str(self.cassette), **arguments)

    def prefill_arguments(self, model: str) -> dict[str, Any] | None:
        return None if self.live.prefill_arguments(model) is None else {}
