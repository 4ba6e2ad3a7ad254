"""Chat prompts in the model's template (ChatML for Qwen2.5 and SmolLM-style models), tools included.

The Qwen2.5 template (the GGUF's `tokenizer.chat_template`) is reproduced by hand rather than run through
jinja2: plain conversations, the "# Tools" system prompt, assistant `<tool_call>` blocks and tool results
as `<tool_response>` inside user turns render to exactly the text the template gives.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from interns.errors import BadInputError

ROLES = ("system", "user", "assistant", "tool")

TOOLS_HEADER = (
    "\n\n# Tools\n\nYou may call one or more functions to assist with the user query.\n\n"
    "You are provided with function signatures within <tools></tools> XML tags:\n<tools>"
)
TOOLS_FOOTER = (
    "\n</tools>\n\nFor each function call, return a json object with function name and arguments within "
    '<tool_call></tool_call> XML tags:\n<tool_call>\n{"name": <function-name>, "arguments": <args-json-object>}\n</tool_call>'
)


@dataclass(frozen=True)
class ToolCallText:
    """A tool call of an earlier assistant turn: the function's name and its arguments as JSON text."""

    name: str
    arguments: str


@dataclass(frozen=True)
class Message:
    role: str
    content: str
    tool_calls: tuple[ToolCallText, ...] = ()


def default_system_prompt(template: str | None) -> str | None:
    """The system message the template inserts when none is given (Qwen: 'You are Qwen, ...')."""
    if not template:
        return None
    match = re.search(r"<\|im_start\|>system\\n([^<']+)<\|im_end\|>", template)
    return match.group(1) if match else None


def supports_tools(template: str | None) -> bool:
    """Whether the template has Qwen2.5's tool-call format (`<tool_call>` blocks)."""
    return bool(template) and "<tool_call>" in template and "<tool_response>" in template


def _tojson(value: Any) -> str:
    # what transformers' `tojson` filter gives: json.dumps with its default separators, non-ASCII kept
    return json.dumps(value, ensure_ascii=False)


def _arguments_json(arguments: str) -> str:
    """The template writes the arguments object itself; OpenAI clients send it as JSON text."""
    try:
        return _tojson(json.loads(arguments))
    except ValueError:
        return _tojson(arguments)  # not JSON: the template would write the string as a JSON string


def _render_assistant_with_calls(message: Message) -> str:
    text = "<|im_start|>assistant"
    if message.content:
        text += "\n" + message.content
    for call in message.tool_calls:
        text += f'\n<tool_call>\n{{"name": "{call.name}", "arguments": {_arguments_json(call.arguments)}}}\n</tool_call>'
    return text + "<|im_end|>\n"


def format_chat(
    messages: list[Message],
    template: str | None,
    add_generation_prompt: bool = True,
    continue_final_message: bool = False,
    tools: list[dict[str, Any]] | None = None,
) -> str:
    """Render `messages` (and `tools`, OpenAI-shaped function definitions) as the GGUF's template does.

    `continue_final_message` (vLLM's name for it): the last message is an assistant message left open,
    so the model continues it (assistant prefill: the answer starts with text we chose)."""
    if continue_final_message and (not messages or messages[-1].role != "assistant"):
        raise BadInputError("continue_final_message needs an assistant message last")
    if template is not None and "<|im_start|>" not in template:
        raise BadInputError("the model's chat template is not ChatML; use raw prompts (--raw)")
    for message in messages:
        if message.role not in ROLES:
            raise BadInputError(f"chat message role {message.role!r} is not one of {', '.join(ROLES)}")
    uses_tools = bool(tools) or any(message.role == "tool" or message.tool_calls for message in messages)
    if uses_tools and not supports_tools(template):
        raise BadInputError("the model's chat template has no tool-call format; tools cannot be used with it")
    parts: list[str] = []
    first_is_system = bool(messages) and messages[0].role == "system"
    if tools:
        system = messages[0].content if first_is_system else default_system_prompt(template) or ""
        listed = "".join("\n" + _tojson(tool) for tool in tools)
        parts.append(f"<|im_start|>system\n{system}{TOOLS_HEADER}{listed}{TOOLS_FOOTER}<|im_end|>\n")
    else:
        system = default_system_prompt(template)
        if system is not None and not first_is_system:
            parts.append(f"<|im_start|>system\n{system}<|im_end|>\n")
    for index, message in enumerate(messages):
        if index == 0 and first_is_system and tools:
            continue  # already written, with the tools
        if message.role == "tool":
            # consecutive tool results share one user turn
            opens = index == 0 or messages[index - 1].role != "tool"
            closes = index == len(messages) - 1 or messages[index + 1].role != "tool"
            parts.append(("<|im_start|>user" if opens else "") + f"\n<tool_response>\n{message.content}\n</tool_response>" + ("<|im_end|>\n" if closes else ""))
        elif message.role == "assistant" and message.tool_calls:
            parts.append(_render_assistant_with_calls(message))
        else:
            parts.append(f"<|im_start|>{message.role}\n{message.content}<|im_end|>\n")
    if continue_final_message:
        parts[-1] = parts[-1].removesuffix("<|im_end|>\n")
        return "".join(parts)
    if add_generation_prompt:
        parts.append("<|im_start|>assistant\n")
    return "".join(parts)


def chat_messages(prompt: str, system: str | None = None) -> list[Message]:
    messages = [Message("system", system)] if system else []
    return [*messages, Message("user", prompt)]
