"""`local/<name>`: the bundled engine behind our own OpenAI-compatible server (`interns serve`), found
or started by the server's supervisor; litellm talks to it as an OpenAI endpoint."""

from __future__ import annotations

from typing import Any

import litellm

from interns.local_model.registry import bundled_name


class LocalBackend:
    name = "local"

    def completion(self, model: str, **arguments: Any) -> Any:
        return litellm.completion(**self.route(model), **arguments)

    def route(self, model: str) -> dict[str, Any]:
        """litellm arguments that reach a server for `model` (found or started)."""
        from interns.local_model.serving.supervisor import server_for  # only runs that use a local model need it

        name = bundled_name(model) or model
        return server_params(name, server_for(name))

    def prefill_arguments(self, model: str) -> dict[str, Any] | None:
        # our server continues the open message like vLLM does (`continue_final_message`)
        return {"extra_body": {"continue_final_message": True, "add_generation_prompt": False}}


def server_params(name: str, url: str) -> dict[str, Any]:
    """litellm arguments for bundled model `name` on the `interns serve` at `url` (with or without /v1)."""
    from interns.local_model.serving.api_key import client_api_key

    base = url.rstrip("/")
    return {"model": f"openai/{name}", "api_base": base if base.endswith("/v1") else f"{base}/v1", "api_key": client_api_key()}
