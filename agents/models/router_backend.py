"""`models.endpoints`: several OpenAI-compatible servers for one model name (several `interns serve`,
vLLM, a cloud deployment), behind litellm's Router.

Calls go to the least busy server; a server that fails (refused connection, timeout, 5xx) is cooled
down for a while and the call is retried on another, so a run goes on when one server dies. A
`local/<name>` model's servers are spoken to as OpenAI endpoints with INTERNS_SERVE_API_KEY.
"""

from __future__ import annotations

from typing import Any

from litellm import Router

from interns.agents.models.local_backend import server_params
from interns.local_model.registry import bundled_name

COOLDOWN_S = 30  # a failed server gets no calls for this long
ALLOWED_FAILS = 1  # failures before the cooldown starts
RETRIES = 2  # other servers tried after a failure


def _litellm_params(model: str, url: str) -> dict[str, Any]:
    name = bundled_name(model)
    if name is not None:
        return server_params(name, url)
    base = url.rstrip("/")
    return {"model": model, "api_base": base if base.endswith("/v1") else f"{base}/v1"}


class RouterBackend:
    name = "router"

    def __init__(self, model: str, urls: list[str], live: Any) -> None:
        self.live = live  # the model's own backend: what it does with a prefill
        self.router = Router(
            model_list=[{"model_name": model, "litellm_params": _litellm_params(model, url)} for url in urls],
            routing_strategy="least-busy", num_retries=RETRIES, allowed_fails=ALLOWED_FAILS, cooldown_time=COOLDOWN_S,
        )

    def completion(self, model: str, **arguments: Any) -> Any:
        return self.router.completion(model=model, **arguments)

    def prefill_arguments(self, model: str) -> dict[str, Any] | None:
        return self.live.prefill_arguments(model)
