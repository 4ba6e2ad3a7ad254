"""Continuous batching must not change answers: 16 concurrent greedy requests give exactly the tokens
the same requests give one at a time, and they really were batched together."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from support.serving import MODEL

pytestmark = pytest.mark.model

# short, distinct prompts (under one 32-token block, so the prefix cache plays no part in either pass)
PROMPTS = [
    f"def {name}(values):\n    \"\"\"{doc}\"\"\"\n"
    for name, doc in [
        ("total", "Sum of values."), ("largest", "Largest value."), ("smallest", "Smallest value."), ("mean", "Average."),
        ("evens", "Even values only."), ("odds", "Odd values only."), ("squares", "Each value squared."), ("count", "How many."),
        ("unique", "Values without repeats."), ("reverse", "Values backwards."), ("first", "The first value."), ("last", "The last value."),
        ("product", "Product of values."), ("positive", "Positive values."), ("sorted_desc", "Sorted, largest first."), ("halves", "Each value halved."),
    ]
]


def _body(prompt: str) -> dict:
    return {"model": MODEL, "prompt": prompt, "max_tokens": 8, "temperature": 0}


def test_sixteen_concurrent_greedy_requests_match_one_at_a_time(server) -> None:
    assert len(PROMPTS) == 16
    with httpx.Client(base_url=server.api_base, timeout=600) as client:
        alone = [client.post("/completions", json=_body(prompt)).json() for prompt in PROMPTS]
    assert all(answer["usage"]["prompt_tokens"] <= 32 for answer in alone)
    before = server.metrics()

    async def all_at_once() -> list[dict]:
        async with httpx.AsyncClient(base_url=server.api_base, timeout=600) as client:
            responses = await asyncio.gather(*(client.post("/completions", json=_body(prompt)) for prompt in PROMPTS))
        return [response.json() for response in responses]

    together = asyncio.run(all_at_once())
    after = server.metrics()
    for prompt, one, many in zip(PROMPTS, alone, together):
        assert many["choices"][0]["text"] == one["choices"][0]["text"], prompt
        assert many["usage"]["completion_tokens"] == one["usage"]["completion_tokens"], prompt
    # batched for real: the steps of the concurrent pass carried many rows each
    steps = after["interns_engine_steps_total"] - before["interns_engine_steps_total"]
    rows = after["interns_engine_step_rows_total"] - before["interns_engine_step_rows_total"]
    generated = sum(answer["usage"]["completion_tokens"] for answer in together)
    assert steps < generated / 4, (steps, generated)
    assert rows / steps > 4


def test_concurrent_requests_sharing_a_new_prompt_read_it_once(server) -> None:
    """Best-of-N samples of one prompt arrive together: the prompt is computed once, the other
    sequences copy its blocks as they are computed, and every answer is the one it gets alone."""
    # a prompt no earlier request sent (so nothing of it is cached), a dozen blocks long
    prompt = "# inventory module, revision 8127\n" + "".join(f"def item_{n}(stock):\n    return stock.get('item {n}', 0)\n\n" for n in range(22))
    bodies = [{"model": MODEL, "prompt": prompt, "max_tokens": 6, "temperature": 0.8, "seed": seed} for seed in (11, 22, 33, 44)]
    before = server.metrics()

    async def all_at_once() -> list[dict]:
        async with httpx.AsyncClient(base_url=server.api_base, timeout=600) as client:
            responses = await asyncio.gather(*(client.post("/completions", json=body) for body in bodies))
        return [response.json() for response in responses]

    together = asyncio.run(all_at_once())
    after = server.metrics()
    prompt_tokens = together[0]["usage"]["prompt_tokens"]
    assert prompt_tokens > 12 * 32
    computed = after["interns_prompt_tokens_total"] - before["interns_prompt_tokens_total"]
    # once in full, then each other sequence only its last partial block (under 33 tokens each)
    assert computed <= prompt_tokens + 3 * 33, (computed, prompt_tokens)
    cached = sorted(answer["usage"]["prompt_tokens_details"]["cached_tokens"] for answer in together)
    assert cached[0] == 0 and all(tokens >= prompt_tokens - 33 for tokens in cached[1:]), cached
    with httpx.Client(base_url=server.api_base, timeout=600) as client:
        alone = [client.post("/completions", json=body).json() for body in bodies]
    for body, one, many in zip(bodies, alone, together):
        assert many["choices"][0]["text"] == one["choices"][0]["text"], body["seed"]
