"""The `<tool_call>` parser on answers like the model's (no server): calls, content around them,
streamed in awkward pieces, and malformed output that must stay plain content."""

from __future__ import annotations

import json

import pytest

from interns.local_model.serving.tool_calls import ToolCallParser, split_answer

TOOLS = {"get_weather", "read_file"}
CALL = '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Paris"}}\n</tool_call>'


def _streamed(text: str, size: int, **options) -> tuple[str, list, list]:
    """(content, calls, pieces) of `text` fed `size` characters at a time."""
    parser = ToolCallParser(TOOLS, **options)
    pieces = []
    for start in range(0, len(text), size):
        pieces += parser.feed(text[start : start + size])
    pieces += parser.finish()
    return "".join(piece.content for piece in pieces), parser.calls, pieces


def test_a_tagged_call_becomes_a_tool_call() -> None:
    content, calls = split_answer(CALL, TOOLS)
    assert content is None
    assert [(call.name, json.loads(call.arguments)) for call in calls] == [("get_weather", {"city": "Paris"})]
    assert calls[0].id.startswith("call_") and len(calls[0].id) > 10
    assert calls[0].to_openai(0) == {"index": 0, "id": calls[0].id, "type": "function", "function": {"name": "get_weather", "arguments": '{"city": "Paris"}'}}


def test_text_around_calls_and_parallel_calls() -> None:
    second = CALL.replace("get_weather", "read_file").replace('"city": "Paris"', '"path": "a.py"')
    content, calls = split_answer(f"Let me check.\n{CALL}\n{second}\n", TOOLS)
    assert content == "Let me check."
    assert [call.name for call in calls] == ["get_weather", "read_file"]
    assert len({call.id for call in calls}) == 2
    _, single, _ = _streamed(f"{CALL}\n{second}", 5, single=True)  # parallel_tool_calls: false
    assert [call.name for call in single] == ["get_weather"]


def test_untagged_call_json_is_a_call() -> None:
    # what the 0.5B model writes most often when it calls: the object without the tags
    for answer in ('{"name": "get_weather", "arguments": {"city": "Paris"}}', '```json\n{"name": "read_file", "arguments": {"path": "x"}}\n```'):
        content, calls = split_answer(answer, TOOLS)
        assert content is None and len(calls) == 1, answer
    # a JSON answer that is not a call of an offered tool stays content
    for answer in ('{"name": "Buddy", "age": 3}', '{"a": 1}', '{"name": "get_weather", "arguments": {}} and more'):
        assert split_answer(answer, TOOLS) == (answer, [])


@pytest.mark.parametrize(
    "malformed",
    [
        '<tool_call>\n{"name": "get_weather", "arguments": {"city": "Par\n</tool_call>',  # cut JSON
        '<tool_call>\n{"name": "get_weather", "arguments": "not json"}\n</tool_call>',
        "<tool_call>\n[1, 2]\n</tool_call>",
        '<tool_call>\n{"arguments": {}}\n</tool_call>',  # no name
        '<tool_call>\n{"name": "rm_rf", "arguments": {}}\n</tool_call>',  # not an offered tool
        '<tool_call>\n{"name": "get_weather", "arguments": [1]}\n</tool_call>',
        "<tool_call>\n" + "[" * 5000 + "\n</tool_call>",  # deep nesting
        "<tool_call>\nnot even json",  # never closed
    ],
)
def test_malformed_blocks_stay_content(malformed: str) -> None:
    content, calls = split_answer(malformed, TOOLS)
    assert calls == [] and content == malformed
    streamed, calls, _ = _streamed(malformed, 3)
    assert calls == [] and streamed == malformed


def test_unclosed_but_whole_call_counts() -> None:
    # the stop string </tool_call> (named tool_choice) leaves the block open
    content, calls = split_answer('<tool_call>\n{"name": "get_weather", "arguments": {"city": "Oslo"}}\n', TOOLS)
    assert content is None and json.loads(calls[0].arguments) == {"city": "Oslo"}


@pytest.mark.parametrize("size", [1, 2, 7, 1000])
def test_streaming_never_leaks_call_text(size: int) -> None:
    answer = f"Checking the weather.\n{CALL}"
    content, calls, pieces = _streamed(answer, size)
    assert content == "Checking the weather."
    assert [call.name for call in calls] == ["get_weather"]
    assert not any("<tool" in piece.content or "get_weather" in piece.content for piece in pieces)
    assert pieces[-1].tool_call is calls[0]


@pytest.mark.parametrize("size", [1, 3, 1000])
def test_plain_answers_stream_unchanged(size: int) -> None:
    for answer in ("Hello! The weather tool is not needed.", "```python\nprint(1)\n```", "a < b and x <tool", "  {not json} here"):
        content, calls, _ = _streamed(answer, size)
        assert calls == [] and content == answer
