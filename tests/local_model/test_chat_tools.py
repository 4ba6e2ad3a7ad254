"""Tool conversations render exactly as the GGUF's own chat template renders them (run with jinja2
and transformers' `tojson`), so the model sees the tool format it was trained on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from interns.errors import BadInputError
from interns.local_model.chat import Message, ToolCallText, format_chat

TOOLS = [
    {"type": "function", "function": {"name": "get_weather", "description": "Weather in a city (°C)", "parameters": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}}},
    {"type": "function", "function": {"name": "read_file", "parameters": {"type": "object", "properties": {"path": {"type": "string"}}}}},
]
CALLS = (ToolCallText("get_weather", '{"city": "Zürich"}'), ToolCallText("read_file", '{"path": "a.py"}'))
CONVERSATIONS = {
    "tools, default system": ([Message("user", "Weather in Zürich?")], TOOLS),
    "tools, own system": ([Message("system", "Be terse."), Message("user", "hi")], TOOLS),
    "a tool round trip": (
        [
            Message("user", "Weather, and show a.py"),
            Message("assistant", "", CALLS),
            Message("tool", '{"temp": 18}'),
            Message("tool", "print(1)"),
            Message("assistant", "It is 18 °C.", (CALLS[0],)),
            Message("tool", "sunny"),
            Message("user", "thanks"),
        ],
        TOOLS,
    ),
    "tool history without tools": ([Message("user", "x"), Message("assistant", "", CALLS[:1]), Message("tool", "ok")], None),
    "no tools": ([Message("system", "S"), Message("user", "hi"), Message("assistant", "hello"), Message("user", "bye")], None),
}


@pytest.fixture(scope="module")
def template(model_path: Path) -> str:
    from interns.local_model.source import open_model_source

    return open_model_source(model_path).tokenizer_spec.chat_template


def _reference(template: str, messages: list[Message], tools: list | None) -> str:
    jinja2 = pytest.importorskip("jinja2")
    env = jinja2.Environment(trim_blocks=True, lstrip_blocks=True)
    env.filters["tojson"] = lambda value, **_: json.dumps(value, ensure_ascii=False)  # transformers' filter
    as_dicts = [
        {
            "role": message.role,
            "content": message.content,
            **({"tool_calls": [{"type": "function", "function": {"name": call.name, "arguments": json.loads(call.arguments)}} for call in message.tool_calls]} if message.tool_calls else {}),
        }
        for message in messages
    ]
    return env.from_string(template).render(messages=as_dicts, tools=tools, add_generation_prompt=True)


@pytest.mark.parametrize("case", list(CONVERSATIONS))
def test_rendering_matches_the_gguf_template(template: str, case: str) -> None:
    messages, tools = CONVERSATIONS[case]
    assert format_chat(messages, template, tools=tools) == _reference(template, messages, tools)


def test_tools_need_a_template_with_a_tool_format() -> None:
    plain = "{{- '<|im_start|>system\\nHi.<|im_end|>\\n' }}"
    with pytest.raises(BadInputError, match="tool"):
        format_chat([Message("user", "x")], plain, tools=TOOLS)
    with pytest.raises(BadInputError, match="tool"):
        format_chat([Message("user", "x"), Message("tool", "y")], plain)
