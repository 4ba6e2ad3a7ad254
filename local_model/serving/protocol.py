"""Request bodies of the OpenAI endpoints, validated strictly: a wrong type, an out-of-range value or a
field the API does not define is a 400 naming the field (never a silent coercion or a 500)."""

from __future__ import annotations

import json
import re
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from interns.local_model.chat import Message, ToolCallText
from interns.local_model.serving.api_errors import APIError, bad_request

MAX_STOP_STRINGS = 4


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class StreamOptions(_Strict):
    include_usage: bool = False
    include_obfuscation: bool | None = None  # newer SDKs send it; there is no padding to leave out


class JsonSchemaFormat(_Strict):
    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)
    name: str
    description: str | None = None
    json_schema: dict[str, Any] | None = Field(default=None, alias="schema")
    strict: bool | None = None


class ResponseFormat(_Strict):
    """`json_object` and `json_schema` both give an answer that parses as a JSON object (json_mode.py);
    the schema is shown to the model, not enforced."""

    type: Literal["text", "json_object", "json_schema"] = "text"
    json_schema: JsonSchemaFormat | None = None


class FunctionDefinition(_Strict):
    name: str = Field(pattern=r"^[a-zA-Z0-9_.-]{1,64}$")
    description: str | None = None
    parameters: dict[str, Any] | None = None
    strict: bool | None = None


class Tool(_Strict):
    type: Literal["function"]
    function: FunctionDefinition


class FunctionName(_Strict):
    name: str


class NamedToolChoice(_Strict):
    type: Literal["function"]
    function: FunctionName


class CalledFunction(_Strict):
    name: str
    arguments: str


class ToolCall(_Strict):
    id: str
    type: Literal["function"] = "function"
    function: CalledFunction


class ContentPart(BaseModel):
    """One part of a message's content; only text parts are served (others get a clear 400)."""

    model_config = ConfigDict(extra="allow", strict=True)
    type: str
    text: str | None = None


class ChatMessage(_Strict):
    role: Literal["system", "developer", "user", "assistant", "tool"]
    content: str | list[ContentPart] | None = None
    name: str | None = None
    tool_calls: list[ToolCall] | None = None  # assistant turns that called tools
    tool_call_id: str | None = None  # a tool's result: the call it answers
    # what the SDK echoes back when a client appends our own answer message to the history
    refusal: str | None = None
    annotations: list[Any] | None = None

    def to_message(self, index: int) -> Message:
        if self.tool_calls and self.role != "assistant":
            raise bad_request(f"only assistant messages may have 'tool_calls' (message {index} is {self.role})", f"messages.{index}.tool_calls", "invalid_value")
        if self.role == "tool" and not self.tool_call_id:
            raise bad_request(f"Missing required parameter: 'messages.{index}.tool_call_id'", f"messages.{index}.tool_call_id", "missing_required_parameter")
        if isinstance(self.content, list):
            for part in self.content:
                if part.type != "text" or part.text is None:
                    raise bad_request(
                        f"only text content parts are supported (message {index} has a {part.type!r} part)",
                        f"messages.{index}.content", "unsupported_value",
                    )
            text = "".join(part.text or "" for part in self.content)
        else:
            text = self.content or ""
        calls = tuple(ToolCallText(call.function.name, call.function.arguments) for call in self.tool_calls or ())
        # "developer" is the newer name of the system role
        return Message("system" if self.role == "developer" else self.role, text, calls)


class _SamplingFields(_Strict):
    """Fields both endpoints share; those we do not implement accept only their neutral value."""

    model: str
    temperature: float | None = Field(default=None, ge=0.0, le=2.0)
    top_p: float | None = Field(default=None, gt=0.0, le=1.0)
    top_k: int | None = Field(default=None, ge=0)  # extension (vLLM, llama.cpp)
    n: int | None = Field(default=None, ge=1)
    stream: bool | None = False
    stream_options: StreamOptions | None = None
    stop: str | list[str] | None = None
    max_tokens: int | None = Field(default=None, ge=1)
    seed: int | None = None
    presence_penalty: float | None = Field(default=None, ge=-2.0, le=2.0)
    frequency_penalty: float | None = Field(default=None, ge=-2.0, le=2.0)
    logit_bias: dict[str, float] | None = None  # token id (as text) -> bias added to its logit
    user: str | None = None  # bookkeeping: accepted and ignored

    def stop_strings(self) -> list[str]:
        stops = [self.stop] if isinstance(self.stop, str) else list(self.stop or [])
        if len(stops) > MAX_STOP_STRINGS:
            raise bad_request(f"'stop' holds {len(stops)} strings; at most {MAX_STOP_STRINGS} are allowed", "stop")
        if any(stop == "" for stop in stops):
            raise bad_request("'stop' strings must not be empty", "stop")
        return stops

    def check_supported(self) -> None:
        if self.n not in (None, 1):
            raise bad_request("only n=1 is supported by this server", "n", "unsupported_value")
        for name in ("presence_penalty", "frequency_penalty"):
            if getattr(self, name) not in (None, 0, 0.0):
                raise bad_request(f"'{name}' is not supported by this server (only 0)", name, "unsupported_value")

    def token_biases(self, vocab_size: int) -> dict[int, float]:
        biases: dict[int, float] = {}
        for key, bias in (self.logit_bias or {}).items():
            if not key.isdigit() or int(key) >= vocab_size:
                raise bad_request(f"'logit_bias' key {key!r} is not a token id (0..{vocab_size - 1})", "logit_bias", "invalid_value")
            if not -100 <= bias <= 100:
                raise bad_request(f"'logit_bias' values must be in [-100, 100], got {bias}", "logit_bias", "invalid_value")
            biases[int(key)] = float(bias)
        return biases

    @property
    def include_usage(self) -> bool:
        return bool(self.stream_options and self.stream_options.include_usage)


class ChatCompletionRequest(_SamplingFields):
    messages: list[ChatMessage] = Field(min_length=1)
    max_completion_tokens: int | None = Field(default=None, ge=1)
    logprobs: bool | None = None
    top_logprobs: int | None = None
    response_format: ResponseFormat | None = None
    tools: list[Tool] | None = None
    tool_choice: Literal["none", "auto", "required"] | NamedToolChoice | None = None
    parallel_tool_calls: bool | None = None
    # bookkeeping of the OpenAI SDK and agent clients: accepted, and ignored (none changes the answer here)
    store: bool | None = None
    metadata: dict[str, str] | None = None
    service_tier: str | None = None
    prompt_cache_key: str | None = None
    safety_identifier: str | None = None
    reasoning_effort: str | None = None  # this model does not reason before answering
    prediction: dict[str, Any] | None = None  # a latency hint only
    modalities: list[Literal["text"]] | None = None
    # vLLM's extensions for assistant prefill: the last (assistant) message is continued, not closed
    continue_final_message: bool = False
    add_generation_prompt: bool = True

    def check_supported(self) -> None:
        super().check_supported()
        if self.continue_final_message:
            if self.add_generation_prompt:
                raise bad_request("'continue_final_message' needs 'add_generation_prompt': false", "add_generation_prompt", "invalid_value")
            if self.messages[-1].role != "assistant":
                raise bad_request("'continue_final_message' needs an assistant message last", "messages", "invalid_value")
        if self.logprobs or self.top_logprobs:
            raise bad_request("logprobs are not supported by this server", "logprobs", "unsupported_value")
        names = {tool.function.name for tool in self.tools or ()}
        forced = self.tool_choice == "required" or isinstance(self.tool_choice, NamedToolChoice)
        if forced and not names:
            raise bad_request("'tool_choice' requires 'tools'", "tool_choice", "invalid_value")
        if isinstance(self.tool_choice, NamedToolChoice) and self.tool_choice.function.name not in names:
            raise bad_request(f"'tool_choice' names {self.tool_choice.function.name!r}, which is not one of the tools", "tool_choice", "invalid_value")
        # each of these is put in the model's mouth as the start of its answer: only one can be
        if forced and self.json_mode:
            raise bad_request("a JSON 'response_format' cannot be combined with a forced 'tool_choice'", "response_format", "invalid_value")
        if self.continue_final_message and (forced or self.json_mode):
            raise bad_request("'continue_final_message' cannot be combined with a forced 'tool_choice' or a JSON 'response_format'", "continue_final_message", "invalid_value")

    @property
    def json_mode(self) -> bool:
        return self.response_format is not None and self.response_format.type != "text"

    @property
    def offered_tools(self) -> list[Tool]:
        """The tools shown to the model: none when tool_choice is "none"."""
        return [] if self.tool_choice == "none" else list(self.tools or ())

    def completion_limit(self) -> int | None:
        return self.max_completion_tokens if self.max_completion_tokens is not None else self.max_tokens


class CompletionRequest(_SamplingFields):
    prompt: str | list[str] | list[int] | list[list[int]]
    echo: bool | None = False
    logprobs: int | None = None
    suffix: str | None = None
    best_of: int | None = None

    def check_supported(self) -> None:
        super().check_supported()
        if self.echo:
            raise bad_request("'echo' is not supported by this server", "echo", "unsupported_value")
        if self.logprobs is not None:
            raise bad_request("logprobs are not supported by this server", "logprobs", "unsupported_value")
        if self.suffix:
            raise bad_request("'suffix' is not supported by this server", "suffix", "unsupported_value")
        if self.best_of not in (None, 1):
            raise bad_request("only best_of=1 is supported by this server", "best_of", "unsupported_value")

    def single_prompt(self) -> str | list[int]:
        """The one prompt of the request (text or token ids); batches of prompts are refused."""
        prompt = self.prompt
        if isinstance(prompt, list) and prompt and isinstance(prompt[0], (str, list)):
            if len(prompt) != 1:
                raise bad_request("only one prompt per request is supported", "prompt", "unsupported_value")
            prompt = prompt[0]
        if isinstance(prompt, list) and not prompt:
            raise bad_request("'prompt' is empty", "prompt")
        return prompt

    def completion_limit(self) -> int:
        return self.max_tokens if self.max_tokens is not None else 16  # OpenAI's default for completions


Request = TypeVar("Request", bound=BaseModel)


def parse_body(raw: bytes, model: type[Request]) -> Request:
    """The validated request, or an APIError (400) saying what is wrong and where."""
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise bad_request(f"We could not parse the JSON body of your request: {error}", code="invalid_json") from None
    if not isinstance(data, dict):
        raise bad_request("The request body must be a JSON object", code="invalid_json")
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise _validation_error(error) from None


_FIELD = re.compile(r"^[a-z_][a-z0-9_]*$")
_TYPE_TAGS = {"str", "int", "float", "bool", "list", "dict", "none"}


def _param_path(loc: tuple) -> str | None:
    """`messages.0.content` from pydantic's location, without the union-member tags it appends
    (`...content.str`, `...content.list[TextPart]`)."""
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts.append(str(part))
        elif _FIELD.match(part) and part not in _TYPE_TAGS:
            parts.append(part)
        else:
            break
    return ".".join(parts) or None


def _validation_error(error: ValidationError) -> APIError:
    detail = error.errors()[0]
    param = _param_path(detail["loc"])
    if detail["type"] == "extra_forbidden":
        return bad_request(f"Unrecognized request argument supplied: {param}", param, "unknown_parameter")
    if detail["type"] == "missing":
        return bad_request(f"Missing required parameter: '{param}'", param, "missing_required_parameter")
    shown = json.dumps(detail.get("input"), default=str)[:80]
    more = f" (and {error.error_count() - 1} more problem(s))" if error.error_count() > 1 else ""
    return bad_request(f"Invalid value for '{param}': {detail['msg']} (got {shown}){more}", param, "invalid_value")
