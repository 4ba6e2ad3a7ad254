"""What a model backend does for the model client: where a model string's calls go (litellm keyword
arguments) and whether its answers may start with our text (assistant prefill).

Backends, one file each, chosen by registry.py's name -> class table: `litellm` (any litellm model
string: cloud APIs, vLLM, Ollama ...), `local` (`local/<name>`: the bundled engine behind `interns
serve`), `router` (`models.endpoints`: several servers for one model behind litellm's Router),
`replay` (answers from a cassette, for tests and deterministic evaluation).
"""

from __future__ import annotations

from typing import Any, Protocol


class ModelBackend(Protocol):
    name: str

    def completion(self, model: str, **arguments: Any) -> Any:
        """litellm's completion (or a Router's) for `model`: its response, or a stream when stream=True."""
        ...

    def prefill_arguments(self, model: str) -> dict[str, Any] | None:
        """Extra litellm arguments that make the provider continue a final assistant message, {} when
        it does so by itself, or None when it cannot (it would take that message as a finished turn)."""
        ...
