"""Any litellm model string (`openai/gpt-4o-mini`, `anthropic/...`, `ollama/...`, a vLLM server)."""

from __future__ import annotations

from typing import Any

import litellm

# providers whose API continues a final assistant message (the others would answer after it)
PREFILL_PROVIDERS = ("anthropic/",)


class LitellmBackend:
    name = "litellm"

    def completion(self, model: str, **arguments: Any) -> Any:
        return litellm.completion(model=model, **arguments)

    def prefill_arguments(self, model: str) -> dict[str, Any] | None:
        return {} if model.startswith(PREFILL_PROVIDERS) else None
