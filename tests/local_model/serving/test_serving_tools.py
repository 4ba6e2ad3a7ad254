"""Tools, JSON mode and the SDK's bookkeeping fields through the real server with the openai SDK.

Greedy and short: the 0.5B model calls a tool when the question needs it; where its choice could
vary, tool_choice forces the call (the answer is then prefilled inside a `<tool_call>` block)."""

from __future__ import annotations

import json

import httpx
import pytest

from support.serving import MODEL

pytestmark = pytest.mark.model

READ_FILE = {
    "type": "function",
    "function": {
        "name": "read_file",
        "description": "Read a file of the repository",
        "parameters": {"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]},
    },
}
ADD = {
    "type": "function",
    "function": {
        "name": "add",
        "description": "Add two integers exactly",
        "parameters": {"type": "object", "properties": {"a": {"type": "integer"}, "b": {"type": "integer"}}, "required": ["a", "b"]},
    },
}
ASK_VERSION = [{"role": "user", "content": "What is the version number written in VERSION.txt? Read the file."}]


@pytest.fixture(scope="module")
def client(server):
    from openai import OpenAI

    return OpenAI(base_url=server.api_base, api_key="local", max_retries=0, timeout=300)


def test_tool_calling_round_trip(client) -> None:
    first = client.chat.completions.create(model=MODEL, messages=ASK_VERSION, tools=[READ_FILE], temperature=0, max_tokens=40)
    choice = first.choices[0]
    assert choice.finish_reason == "tool_calls", choice
    assert choice.message.content is None
    (call,) = choice.message.tool_calls
    assert call.type == "function" and call.id.startswith("call_")
    assert call.function.name == "read_file"
    assert json.loads(call.function.arguments)["path"].endswith("VERSION.txt")
    # the SDK's own message object goes back into the history, then the tool's answer
    history = [*ASK_VERSION, choice.message, {"role": "tool", "tool_call_id": call.id, "content": "4.2.0"}]
    final = client.chat.completions.create(model=MODEL, messages=history, tools=[READ_FILE], tool_choice="none", temperature=0, max_tokens=24)
    reply = final.choices[0]
    assert reply.message.tool_calls is None
    assert reply.message.content and "<tool_call>" not in reply.message.content
    assert reply.finish_reason in ("stop", "length")


def test_streamed_tool_calls_do_not_leak_as_content(client) -> None:
    named = {"type": "function", "function": {"name": "add"}}
    messages = [{"role": "user", "content": "What is 1234 + 4321?"}]
    chunks = list(client.chat.completions.create(model=MODEL, messages=messages, tools=[ADD, READ_FILE], tool_choice=named, temperature=0, max_tokens=30, stream=True))
    content = "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices)
    deltas = [delta for chunk in chunks if chunk.choices for delta in chunk.choices[0].delta.tool_calls or ()]
    assert content == ""
    assert [delta.function.name for delta in deltas] == ["add"] and deltas[0].index == 0 and deltas[0].id.startswith("call_")
    assert set(json.loads("".join(delta.function.arguments for delta in deltas))) == {"a", "b"}
    assert [chunk.choices[0].finish_reason for chunk in chunks if chunk.choices and chunk.choices[0].finish_reason] == ["tool_calls"]
    # "required" streams the same way, the model choosing the function
    required = list(client.chat.completions.create(model=MODEL, messages=messages, tools=[ADD], tool_choice="required", temperature=0, max_tokens=30, stream=True))
    names = [delta.function.name for chunk in required if chunk.choices for delta in chunk.choices[0].delta.tool_calls or ()]
    assert names and set(names) == {"add"}


def test_json_mode_answers_parse(client) -> None:
    messages = [{"role": "user", "content": "Describe a cat named Tom, aged 3, as a JSON object."}]
    answer = client.chat.completions.create(model=MODEL, messages=messages, response_format={"type": "json_object"}, temperature=0, max_tokens=30)
    parsed = json.loads(answer.choices[0].message.content)
    assert isinstance(parsed, dict)
    streamed = client.chat.completions.create(model=MODEL, messages=messages, response_format={"type": "json_object"}, temperature=0, max_tokens=30, stream=True)
    assert "".join(chunk.choices[0].delta.content or "" for chunk in streamed if chunk.choices) == answer.choices[0].message.content
    # cut short, the answer is still completed into valid JSON
    short = client.chat.completions.create(model=MODEL, messages=messages, response_format={"type": "json_object"}, temperature=0, max_tokens=3)
    assert short.choices[0].finish_reason == "length" and isinstance(json.loads(short.choices[0].message.content), dict)
    schema = {"type": "object", "properties": {"name": {"type": "string"}, "age": {"type": "integer"}}, "required": ["name", "age"]}
    typed = client.chat.completions.create(
        model=MODEL, messages=messages, temperature=0, max_tokens=30,
        response_format={"type": "json_schema", "json_schema": {"name": "cat", "schema": schema, "strict": True}},
    )
    assert isinstance(json.loads(typed.choices[0].message.content), dict)


def test_bookkeeping_fields_are_accepted(server, client) -> None:
    messages = [{"role": "user", "content": "Say hello."}]
    plain = client.chat.completions.create(model=MODEL, messages=messages, temperature=0, max_tokens=4)
    bookkept = client.chat.completions.create(
        model=MODEL, messages=messages, temperature=0, max_tokens=4, store=False, metadata={"run": "ci"}, user="tester",
        parallel_tool_calls=True, service_tier="auto", prompt_cache_key="k", reasoning_effort="low", tools=[READ_FILE], tool_choice="none",
        extra_body={"safety_identifier": "s", "modalities": ["text"], "stream_options": None},
    )
    assert bookkept.choices[0].message.content == plain.choices[0].message.content  # none of them changes the answer
    # logit_bias does change it: banning the greedy first token
    from interns.local_model.install import resolve_model_path
    from interns.local_model.source import open_model_source

    token = open_model_source(resolve_model_path(MODEL)).tokenizer.encode(plain.choices[0].message.content)[0]
    biased = client.chat.completions.create(model=MODEL, messages=messages, temperature=0, max_tokens=4, logit_bias={str(token): -100})
    assert biased.choices[0].message.content != plain.choices[0].message.content


def test_retrieve_a_model(server, client) -> None:
    model = client.models.retrieve(MODEL)
    assert model.id == MODEL and model.object == "model"
    assert client.models.retrieve(f"local/{MODEL}").id == MODEL
    missing = httpx.get(f"{server.api_base}/models/gpt-9", timeout=10)
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "model_not_found" and set(missing.json()["error"]) == {"message", "type", "param", "code"}
