"""`models.endpoints`: two real `interns serve` behind litellm's Router. Both serve calls; one killed,
the calls go on on the other."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from support.serving import MODEL, start_server

from interns.agents.models.client import ModelClient

LOCAL_MODEL = f"local/{MODEL}"


def _served(server) -> float:
    return sum(value for name, value in server.metrics().items() if name.startswith("interns_requests_total"))


def _ask(client: ModelClient, index: int) -> int:
    answer = client.complete(LOCAL_MODEL, [{"role": "user", "content": f"Say the number {index}."}], max_tokens=3)
    return answer.completion_tokens


def test_calls_are_spread_over_the_servers_and_go_on_when_one_dies(tmp_path) -> None:
    first = start_server(tmp_path, "--max-batch", "2", "--context-length", "512", "--no-warm-up")
    second = start_server(tmp_path, "--max-batch", "2", "--context-length", "512", "--no-warm-up")
    try:
        client = ModelClient(timeout_s=60, retries=0, endpoints={LOCAL_MODEL: [first.url, second.url]})
        with ThreadPoolExecutor(max_workers=6) as pool:
            assert all(tokens >= 1 for tokens in pool.map(lambda index: _ask(client, index), range(8)))
        assert _served(first) >= 1 and _served(second) >= 1  # least busy: both took calls
        first.stop()
        assert all(_ask(client, index) >= 1 for index in range(4))  # the dead one is cooled down, retried elsewhere
    finally:
        first.stop()
        second.stop()
