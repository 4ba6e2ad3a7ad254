"""Assistant prefill through the real server: the answer continues the text we put in the model's mouth
(vLLM's `continue_final_message`), which is how the function form gets a body, not a copied stub."""

from __future__ import annotations

import os

import httpx
import pytest

from support.serving import MODEL

from interns.agents.models.client import ModelClient
from interns.tools.edits.function_answer import assemble_function

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

pytestmark = pytest.mark.model

HEADER = '''def add(a: int, b: int) -> int:
    """Return the sum of a and b."""
'''
ASK = [{"role": "user", "content": "Write the function `add` so that add(2, 3) == 5."}]


def _chat(server, messages, **extra):
    body = {"model": MODEL, "messages": messages, "max_tokens": 40, "temperature": 0, **extra}
    return httpx.post(f"{server.api_base}/chat/completions", json=body, timeout=300)


def test_the_answer_continues_the_given_header(server) -> None:
    response = _chat(server, [*ASK, {"role": "assistant", "content": "```python\n" + HEADER}], continue_final_message=True, add_generation_prompt=False, stop=["\n```"])
    assert response.status_code == 200, response.text
    text = response.json()["choices"][0]["message"]["content"]
    # a body, not a new turn: no fence, no restated `def add`, and it makes a working function
    assert not text.lstrip().startswith(("```", "def add")), text
    namespace: dict = {}
    exec(assemble_function(HEADER, text, "add"), namespace)
    assert namespace["add"](2, 3) == 5
    # the same conversation closed as a finished turn gives a different answer: the flag matters
    closed = _chat(server, [*ASK, {"role": "assistant", "content": "```python\n" + HEADER}])
    assert closed.json()["choices"][0]["message"]["content"] != text


def test_continue_needs_an_open_assistant_message(server) -> None:
    no_assistant = _chat(server, ASK, continue_final_message=True, add_generation_prompt=False)
    assert no_assistant.status_code == 400 and "assistant message last" in no_assistant.text
    with_prompt = _chat(server, [*ASK, {"role": "assistant", "content": "x"}], continue_final_message=True)
    assert with_prompt.status_code == 400 and "add_generation_prompt" in with_prompt.text


def test_the_model_client_prefills_through_litellm(server, monkeypatch) -> None:
    monkeypatch.setenv("INTERNS_SERVER_URL", server.url)
    reply = ModelClient().complete(f"local/{MODEL}", ASK, max_tokens=40, prefill="```python\n" + HEADER, stop=["\n```"])
    namespace: dict = {}
    exec(assemble_function(HEADER, reply.text, "add"), namespace)
    assert namespace["add"](2, 3) == 5
