"""Continuous batching must not change answers: 16 concurrent greedy requests give exactly the tokens
the same requests give one at a time, and they really were batched together."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from serving.serving_support import MODEL

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
