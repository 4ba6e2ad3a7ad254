"""The real server with real clients: the openai SDK and litellm, streaming and not."""

from __future__ import annotations

import os

import httpx
import pytest

from support.serving import MODEL

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")  # litellm must not fetch prices (offline)

pytestmark = pytest.mark.model

QUESTION = [{"role": "user", "content": "Write a Python function that returns the square of x."}]


@pytest.fixture(scope="module")
def openai_client(server):
    from openai import OpenAI

    return OpenAI(base_url=server.api_base, api_key="local", max_retries=0, timeout=300)


@pytest.fixture(scope="module")
def greedy_answer(openai_client):
    """The reference: one non-streaming greedy chat answer from the openai SDK."""
    return openai_client.chat.completions.create(model=MODEL, messages=QUESTION, max_tokens=16, temperature=0)


def test_openai_sdk_chat_non_streaming(greedy_answer) -> None:
    choice = greedy_answer.choices[0]
    assert choice.message.role == "assistant"
    assert choice.message.content.strip()
    assert choice.finish_reason in ("stop", "length")
    usage = greedy_answer.usage
    assert usage.prompt_tokens > 10
    assert 0 < usage.completion_tokens <= 16
    assert usage.total_tokens == usage.prompt_tokens + usage.completion_tokens
    assert greedy_answer.model == MODEL


def test_openai_sdk_chat_streaming_matches_non_streaming(openai_client, greedy_answer) -> None:
    stream = openai_client.chat.completions.create(
        model=MODEL, messages=QUESTION, max_tokens=16, temperature=0, stream=True, stream_options={"include_usage": True}
    )
    chunks = list(stream)
    text = "".join(chunk.choices[0].delta.content or "" for chunk in chunks if chunk.choices)
    finish = [chunk.choices[0].finish_reason for chunk in chunks if chunk.choices and chunk.choices[0].finish_reason]
    assert text == greedy_answer.choices[0].message.content
    assert finish == [greedy_answer.choices[0].finish_reason]
    assert len([chunk for chunk in chunks if chunk.choices and chunk.choices[0].delta.content]) > 1  # really streamed
    assert chunks[-1].usage.completion_tokens == greedy_answer.usage.completion_tokens
    assert chunks[-1].usage.prompt_tokens == greedy_answer.usage.prompt_tokens


def test_litellm_completion_non_streaming_and_streaming(server, greedy_answer) -> None:
    import litellm

    route = {"model": f"openai/{MODEL}", "api_base": server.api_base, "api_key": "local"}
    response = litellm.completion(messages=QUESTION, max_tokens=16, temperature=0, **route)
    assert response.choices[0].message.content == greedy_answer.choices[0].message.content
    assert response.usage.prompt_tokens == greedy_answer.usage.prompt_tokens
    assert response.usage.completion_tokens == greedy_answer.usage.completion_tokens

    pieces = [chunk.choices[0].delta.content or "" for chunk in litellm.completion(messages=QUESTION, max_tokens=16, temperature=0, stream=True, **route)]
    assert "".join(pieces) == greedy_answer.choices[0].message.content


def test_completions_endpoint_text_and_token_prompts(openai_client) -> None:
    by_text = openai_client.completions.create(model=MODEL, prompt="def add(a, b):", max_tokens=8, temperature=0)
    assert by_text.choices[0].text
    assert by_text.usage.completion_tokens == 8 or by_text.choices[0].finish_reason == "stop"
    streamed = "".join(chunk.choices[0].text for chunk in openai_client.completions.create(model=MODEL, prompt="def add(a, b):", max_tokens=8, temperature=0, stream=True))
    assert streamed == by_text.choices[0].text
    # the same prompt as token ids gives the same answer
    from interns.local_model.source import open_model_source
    from interns.local_model.install import resolve_model_path

    ids = open_model_source(resolve_model_path(MODEL)).tokenizer.encode("def add(a, b):")
    by_ids = openai_client.completions.create(model=MODEL, prompt=ids, max_tokens=8, temperature=0)
    assert by_ids.choices[0].text == by_text.choices[0].text


def test_stop_strings_and_seeded_sampling(openai_client) -> None:
    plain = openai_client.completions.create(model=MODEL, prompt="def add(a, b):\n", max_tokens=12, temperature=0)
    assert "return" in plain.choices[0].text
    stopped = openai_client.completions.create(model=MODEL, prompt="def add(a, b):\n", max_tokens=12, temperature=0, stop=["return"])
    assert stopped.choices[0].finish_reason == "stop"
    assert stopped.choices[0].text == plain.choices[0].text.split("return")[0]
    # temperature sampling with a seed is reproducible
    first, second = (
        openai_client.completions.create(model=MODEL, prompt="# a haiku about code\n", max_tokens=10, temperature=1.0, top_p=0.95, seed=7, extra_body={"top_k": 40})
        for _ in range(2)
    )
    assert first.choices[0].text == second.choices[0].text


def test_prefix_cache_reuses_a_shared_system_prompt(server, openai_client) -> None:
    system = "You are a careful Python reviewer. " + " ".join(f"Rule {n}: keep function {n} short and typed." for n in range(14))
    before = server.metrics()
    answers = [
        openai_client.chat.completions.create(
            model=MODEL, messages=[{"role": "system", "content": system}, {"role": "user", "content": question}], max_tokens=4, temperature=0
        )
        for question in ("Is `def f(x): return x` fine?", "Is `lambda: 0` fine?")
    ]
    prompt_tokens = answers[1].usage.prompt_tokens
    cached = answers[1].usage.prompt_tokens_details.cached_tokens
    assert prompt_tokens > 150
    assert cached >= 128 and cached % 32 == 0 and cached < prompt_tokens  # whole blocks of the shared prefix
    after = server.metrics()
    assert after["interns_prefix_cache_hit_tokens_total"] - before["interns_prefix_cache_hit_tokens_total"] >= cached
    assert after["interns_prefix_cache_hit_rate"] > 0
    assert after["interns_prefix_cache_blocks"] > 0


def test_models_health_and_metrics(server) -> None:
    models = httpx.get(f"{server.api_base}/models", timeout=10).json()
    assert [model["id"] for model in models["data"]] == [MODEL]
    health = httpx.get(f"{server.url}/health", timeout=10).json()
    assert health["status"] == "ok" and health["model"] == MODEL and health["slots"] == 16
    metrics = server.metrics()
    for name in (
        "interns_generation_tokens_per_second", "interns_queue_depth", "interns_active_sequences",
        "interns_prefix_cache_hit_rate", "interns_generation_tokens_total", "interns_prompt_tokens_total",
    ):
        assert name in metrics, name
