"""Any litellm model string (`openai/gpt-4o-mini`, `anthropic/...`, `ollama/...`, a vLLM server)."""

from __future__ import annotations

from typing import Any

# providers whose API continues a final assistant message (the others would answer after it)
PREFILL_PROVIDERS = ("anthropic/",)


class LitellmBackend:
    name = "litellm"

    def route(self, model: str) -> dict[str, Any]:
        return {"model": model}

    def prefill_arguments(self, model: str) -> dict[str, Any] | None:
        return {} if model.startswith(PREFILL_PROVIDERS) else None
