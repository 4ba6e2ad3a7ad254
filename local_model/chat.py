"""Chat prompts in the model's template (ChatML for Qwen2.5 and SmolLM-style models)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from interns.errors import BadInputError

ROLES = ("system", "user", "assistant")


@dataclass(frozen=True)
class Message:
    role: str
    content: str


def default_system_prompt(template: str | None) -> str | None:
    """The system message the template inserts when none is given (Qwen: 'You are Qwen, ...')."""
    if not template:
        return None
    match = re.search(r"<\|im_start\|>system\\n([^<']+)<\|im_end\|>", template)
    return match.group(1) if match else None


def format_chat(messages: list[Message], template: str | None, add_generation_prompt: bool = True, continue_final_message: bool = False) -> str:
    """Render `messages` as ChatML text exactly as the GGUF's template does for plain conversations.

    `continue_final_message` (vLLM's name for it): the last message is an assistant message left open,
    so the model continues it (assistant prefill: the answer starts with text we chose)."""
    if continue_final_message and (not messages or messages[-1].role != "assistant"):
        raise BadInputError("continue_final_message needs an assistant message last")
    if template is not None and "<|im_start|>" not in template:
        raise BadInputError("the model's chat template is not ChatML; use raw prompts (--raw)")
    for message in messages:
        if message.role not in ROLES:
            raise BadInputError(f"chat message role {message.role!r} is not one of {', '.join(ROLES)}")
    parts: list[str] = []
    system = default_system_prompt(template)
    if system is not None and (not messages or messages[0].role != "system"):
        parts.append(f"<|im_start|>system\n{system}<|im_end|>\n")
    for message in messages:
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
