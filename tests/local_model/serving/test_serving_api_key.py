"""`interns serve --api-key`: every route but /health asks for the key; the openai SDK and the local
backend (INTERNS_SERVE_API_KEY) send it."""

from __future__ import annotations

import httpx
import openai
import pytest

from support.serving import MODEL, start_server


def test_a_server_with_a_key_refuses_requests_without_it(tmp_path, monkeypatch) -> None:
    server = start_server(tmp_path, "--max-batch", "1", "--context-length", "512", "--no-warm-up", "--api-key", "s3cret")
    try:
        assert httpx.get(f"{server.url}/health", timeout=10).status_code == 200  # probes stay open
        body = {"model": MODEL, "prompt": "def f():", "max_tokens": 2}
        for headers in ({}, {"Authorization": "Bearer wrong"}):
            refused = httpx.post(f"{server.api_base}/completions", json=body, headers=headers, timeout=30)
            assert refused.status_code == 401 and refused.json()["error"]["code"] == "invalid_api_key"
        assert httpx.get(f"{server.url}/metrics", timeout=10).status_code == 401
        client = openai.OpenAI(base_url=server.api_base, api_key="s3cret")
        assert client.completions.create(model=MODEL, prompt="def f():", max_tokens=2).usage.completion_tokens >= 1
        with pytest.raises(openai.AuthenticationError):
            openai.OpenAI(base_url=server.api_base, api_key="nope").models.list()

        from interns.agents.models.local_backend import LocalBackend
        from interns.local_model.serving import supervisor

        monkeypatch.setenv(supervisor.SERVER_URL_ENV, server.url)
        monkeypatch.setenv("INTERNS_SERVE_API_KEY", "s3cret")
        assert LocalBackend().route(f"local/{MODEL}")["api_key"] == "s3cret"
    finally:
        server.stop()
