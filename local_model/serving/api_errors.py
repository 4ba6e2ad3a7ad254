"""Errors a request can meet, in the OpenAI error shape, each with its HTTP status."""

from __future__ import annotations

from typing import Any


class APIError(Exception):
    """An error answered as `{"error": {"message", "type", "param", "code"}}` with `status`."""

    def __init__(
        self,
        status: int,
        message: str,
        type: str = "invalid_request_error",
        param: str | None = None,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.type = type
        self.param = param
        self.code = code
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        return {"error": {"message": self.message, "type": self.type, "param": self.param, "code": self.code}}


def bad_request(message: str, param: str | None = None, code: str | None = None) -> APIError:
    return APIError(400, message, "invalid_request_error", param, code)


def context_length_exceeded(capacity: int, prompt_tokens: int, max_tokens: int) -> APIError:
    # worded like OpenAI's message: litellm recognises it and raises ContextWindowExceededError
    return APIError(
        400,
        f"This model's maximum context length is {capacity} tokens. However, you requested "
        f"{prompt_tokens + max_tokens} tokens ({prompt_tokens} in the messages, {max_tokens} in the completion). "
        "Please reduce the length of the messages or completion.",
        "invalid_request_error",
        "messages",
        "context_length_exceeded",
    )


def queue_full(retry_after_s: int) -> APIError:
    return APIError(
        429,
        f"The server is busy (every slot and queue place is taken); retry after {retry_after_s} s.",
        "rate_limit_error",
        None,
        "queue_full",
        {"Retry-After": str(retry_after_s)},
    )


def model_not_found(model: str, served: list[str]) -> APIError:
    return APIError(
        404,
        f"The model '{model}' does not exist; this server serves {', '.join(repr(name) for name in served)}.",
        "invalid_request_error",
        "model",
        "model_not_found",
    )


def model_unavailable(model: str, why: str) -> APIError:
    """A served model that cannot be loaded (not installed, a broken file): the server goes on."""
    return APIError(503, f"The model '{model}' cannot be loaded: {why}", "server_error", "model", "model_unavailable")


def insufficient_memory(message: str) -> APIError:
    """Another model does not fit beside the loaded ones and none of them can be unloaded for it."""
    return APIError(503, message, "server_error", "model", "insufficient_memory")


def server_error(message: str) -> APIError:
    return APIError(500, message, "server_error", None, "internal_error")
