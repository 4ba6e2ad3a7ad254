"""The server is warm when it says ready: one full-width burst of its own runs before `ready`, and is
then forgotten (no request counted, the prefix cache empty, every slot free for the first real burst).
How much faster that first burst is lives in bench/bench_serving.py (cold vs warm), not in a test."""

from __future__ import annotations

import asyncio

import httpx

from support.serving import MODEL, start_server


async def _burst(api_base: str, count: int) -> list[dict]:
    async with httpx.AsyncClient(base_url=api_base, timeout=300) as client:
        bodies = [{"model": MODEL, "prompt": f"def add_{n}(a, b):\n", "max_tokens": 4, "temperature": 0} for n in range(count)]
        responses = await asyncio.gather(*(client.post("/completions", json=body) for body in bodies))
    return [response.json() for response in responses]


def test_the_warm_up_runs_before_ready_and_leaves_no_trace(tmp_path) -> None:
    server = start_server(tmp_path, "--max-batch", "4", "--context-length", "1024")
    try:
        assert "warmed up in" in server.log_tail()
        health = httpx.get(f"{server.url}/health", timeout=10).json()
        assert health["active"] == 0 and health["queued"] == 0
        before = server.metrics()
        assert not any(value for name, value in before.items() if name.startswith("interns_requests_total"))
        assert before["interns_prefix_cache_blocks"] == 0 and before["interns_prefix_cache_lookup_tokens_total"] == 0
        answers = asyncio.run(_burst(server.api_base, 4))  # every slot is free for the first real burst
        assert len(answers) == 4 and all(answer["usage"]["completion_tokens"] >= 1 for answer in answers)
    finally:
        server.stop()


def test_no_warm_up_says_ready_without_it(tmp_path) -> None:
    server = start_server(tmp_path, "--max-batch", "2", "--context-length", "512", "--no-warm-up")
    try:
        assert "interns serve: ready" in server.log_tail() and "warmed up" not in server.log_tail()
    finally:
        server.stop()
