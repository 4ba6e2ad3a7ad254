"""How a chat request's answer is shaped: the text put in the model's mouth first (assistant prefill),
extra stop strings, and the filter the model's text goes through before it reaches the client.

    plain             the text as generated
    tools             `<tool_call>` blocks become OpenAI tool_calls (tool_calls.py)
    tool_choice       "required" / a named function: the answer starts inside a `<tool_call>` block
    response_format   json_object / json_schema: the answer starts with "{" and stays valid JSON (json_mode.py)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Protocol

from interns.local_model.chat import Message, default_system_prompt
from interns.local_model.serving.json_mode import PREFILL as JSON_PREFILL
from interns.local_model.serving.json_mode import JsonPrefix
from interns.local_model.serving.protocol import ChatCompletionRequest, NamedToolChoice
from interns.local_model.serving.tool_calls import CLOSE, OPEN, AnswerPiece, ParsedToolCall, ToolCallParser


class AnswerFilter(Protocol):
    calls: list[ParsedToolCall]

    def feed(self, text: str) -> list[AnswerPiece]: ...

    def finish(self) -> list[AnswerPiece]: ...


@dataclass
class PlainText:
    calls: list[ParsedToolCall] = field(default_factory=list)

    def feed(self, text: str) -> list[AnswerPiece]:
        return [AnswerPiece(content=text)] if text else []

    def finish(self) -> list[AnswerPiece]:
        return []


@dataclass
class JsonText:
    """The model's text cut to valid JSON, completed at the end (see json_mode.py)."""

    checker: JsonPrefix = field(default_factory=JsonPrefix)
    calls: list[ParsedToolCall] = field(default_factory=list)

    def feed(self, text: str) -> list[AnswerPiece]:
        accepted = self.checker.feed(text)
        return [AnswerPiece(content=accepted)] if accepted else []

    def finish(self) -> list[AnswerPiece]:
        tail = self.checker.completion()
        return [AnswerPiece(content=tail)] if tail else []


@dataclass
class AnswerShape:
    prefill: str = ""  # the start of the answer, written for the model; part of what the client gets
    stop: list[str] = field(default_factory=list)
    tools: list[dict[str, Any]] = field(default_factory=list)  # rendered in the system prompt
    tool_names: set[str] | None = None  # set when tool calls are parsed out of the answer
    single_call: bool = False
    json: bool = False

    def new_filter(self) -> AnswerFilter:
        if self.json:
            return JsonText()
        if self.tool_names is not None:
            return ToolCallParser(self.tool_names, self.single_call)
        return PlainText()

    def messages_with_prefill(self, messages: list[Message]) -> list[Message]:
        return [*messages, Message("assistant", self.prefill)] if self.prefill else messages


def shape_answer(body: ChatCompletionRequest) -> AnswerShape:
    """The shape of `body`'s answer (its fields were checked by `check_supported`)."""
    offered = body.offered_tools
    shape = AnswerShape(tools=[tool.model_dump(exclude_none=True) for tool in offered])
    if body.json_mode:
        shape.json = True
        shape.prefill = JSON_PREFILL
        return shape
    if not offered:
        return shape
    shape.tool_names = {tool.function.name for tool in offered}
    shape.single_call = body.parallel_tool_calls is False
    choice = body.tool_choice
    if isinstance(choice, NamedToolChoice):
        # the model only writes the arguments (an object: its "{" is given too); one call, so the
        # block's end ends the answer
        shape.prefill = f'{OPEN}\n{{"name": {json.dumps(choice.function.name)}, "arguments": {{'
        shape.stop = [CLOSE]
        shape.single_call = True
    elif choice == "required":
        shape.prefill = f'{OPEN}\n{{"name": "'
    return shape


def schema_hint(body: ChatCompletionRequest) -> str | None:
    """For json_schema: the schema, told to the model in the system prompt (it is not enforced)."""
    form = body.response_format
    if form is None or form.type != "json_schema" or form.json_schema is None or form.json_schema.json_schema is None:
        return None
    schema = json.dumps(form.json_schema.json_schema, ensure_ascii=False)
    return f"Answer with a JSON object that follows this JSON schema:\n{schema}"


def with_system_hint(messages: list[Message], hint: str | None, template: str | None) -> list[Message]:
    """`messages` with `hint` added to the system message (the template's default one if none is given)."""
    if not hint:
        return messages
    if messages and messages[0].role == "system":
        first = messages[0]
        return [Message("system", f"{first.content}\n\n{hint}", first.tool_calls), *messages[1:]]
    default = default_system_prompt(template)
    return [Message("system", f"{default}\n\n{hint}" if default else hint), *messages]
