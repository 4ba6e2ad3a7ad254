"""Bad requests get their 4xx in the OpenAI error shape, a client that leaves frees its slot at once,
a full queue answers 429 with Retry-After, and none of it hurts the server."""

from __future__ import annotations

import json
import time

import httpx
import pytest

from support.serving import MODEL, start_server

pytestmark = pytest.mark.model

COUNTING = "numbers = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10,"  # the model goes on counting: a long answer
CHAT = {"model": MODEL, "messages": [{"role": "user", "content": "hi"}], "max_tokens": 4, "temperature": 0}


def _post(server, path: str, content: bytes) -> httpx.Response:
    return httpx.post(f"{server.api_base}{path}", content=content, headers={"content-type": "application/json"}, timeout=120)


def _with(**changes) -> bytes:
    body = {**CHAT, **changes}
    return json.dumps({key: value for key, value in body.items() if value is not ...}).encode()


BAD_REQUESTS = [
    # (case, path, body, status, param, code)
    ("malformed json", "/chat/completions", b'{"model": "x", "messages": [', 400, None, "invalid_json"),
    ("not an object", "/chat/completions", b"[1, 2]", 400, None, "invalid_json"),
    ("unknown field", "/chat/completions", _with(temprature=0.5), 400, "temprature", "unknown_parameter"),
    ("wrong type", "/chat/completions", _with(max_tokens="16"), 400, "max_tokens", "invalid_value"),
    ("bool for int", "/chat/completions", _with(max_tokens=True), 400, "max_tokens", "invalid_value"),
    ("negative temperature", "/chat/completions", _with(temperature=-1), 400, "temperature", "invalid_value"),
    ("zero max_tokens", "/chat/completions", _with(max_tokens=0), 400, "max_tokens", "invalid_value"),
    ("missing messages", "/chat/completions", _with(messages=...), 400, "messages", "missing_required_parameter"),
    ("empty messages", "/chat/completions", _with(messages=[]), 400, "messages", "invalid_value"),
    ("unknown role", "/chat/completions", _with(messages=[{"role": "robot", "content": "hi"}]), 400, "messages.0.role", "invalid_value"),
    ("wrong content type", "/chat/completions", _with(messages=[{"role": "user", "content": 5}]), 400, "messages.0.content", "invalid_value"),
    ("image content", "/chat/completions", _with(messages=[{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "x"}}]}]), 400, "messages.0.content", "unsupported_value"),
    ("n above one", "/chat/completions", _with(n=2), 400, "n", "unsupported_value"),
    ("too many stops", "/chat/completions", _with(stop=["a", "b", "c", "d", "e"]), 400, "stop", None),
    ("context too long", "/chat/completions", _with(max_tokens=100_000), 400, "messages", "context_length_exceeded"),
    ("unknown model", "/chat/completions", _with(model="gpt-9"), 404, "model", "model_not_found"),
    ("tool_choice without tools", "/chat/completions", _with(tool_choice="required"), 400, "tool_choice", "invalid_value"),
    ("tool_choice names no tool", "/chat/completions", _with(tools=[{"type": "function", "function": {"name": "f"}}], tool_choice={"type": "function", "function": {"name": "g"}}), 400, "tool_choice", "invalid_value"),
    ("tool message without call id", "/chat/completions", _with(messages=[{"role": "user", "content": "x"}, {"role": "tool", "content": "y"}]), 400, "messages.1.tool_call_id", "missing_required_parameter"),
    ("tool without a function", "/chat/completions", _with(tools=[{"type": "function"}]), 400, "tools.0.function", "missing_required_parameter"),
    ("unknown response format", "/chat/completions", _with(response_format={"type": "xml"}), 400, "response_format.type", "invalid_value"),
    ("json mode with forced tool", "/chat/completions", _with(tools=[{"type": "function", "function": {"name": "f"}}], tool_choice="required", response_format={"type": "json_object"}), 400, "response_format", "invalid_value"),
    ("logit_bias on a non-token", "/chat/completions", _with(logit_bias={"abc": 1}), 400, "logit_bias", "invalid_value"),
    ("completion batch", "/completions", json.dumps({"model": MODEL, "prompt": ["a", "b"]}).encode(), 400, "prompt", "unsupported_value"),
    ("token id out of range", "/completions", json.dumps({"model": MODEL, "prompt": [1, 10**9]}).encode(), 400, "prompt", None),
    ("unknown completion field", "/completions", json.dumps({"model": MODEL, "prompt": "x", "best": 2}).encode(), 400, "best", "unknown_parameter"),
]


@pytest.mark.parametrize("case,path,body,status,param,code", BAD_REQUESTS, ids=[case[0] for case in BAD_REQUESTS])
def test_bad_requests_get_openai_shaped_errors(server, case, path, body, status, param, code) -> None:
    response = _post(server, path, body)
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert set(error) == {"message", "type", "param", "code"}
    assert error["message"]
    assert error["param"] == param
    if code is not None:
        assert error["code"] == code


def test_server_survives_bad_requests_and_unknown_routes(server) -> None:
    assert httpx.get(f"{server.api_base}/nothing-here", timeout=10).json()["error"]["code"] == "not_found"
    assert httpx.get(f"{server.api_base}/chat/completions", timeout=10).status_code == 405
    good = _post(server, "/chat/completions", _with())
    assert good.status_code == 200 and good.json()["choices"][0]["message"]["content"] is not None
    assert server.metrics()['interns_requests_total{outcome="bad_request"}'] >= 10


def _wait_for(predicate, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def test_client_disconnect_mid_stream_frees_the_slot(server) -> None:
    cancelled = 'interns_requests_total{outcome="cancelled"}'
    before = server.metrics().get(cancelled, 0)
    body = {"model": MODEL, "prompt": COUNTING, "max_tokens": 2000, "temperature": 0, "stream": True}
    generated_before = server.metrics()["interns_generation_tokens_total"]
    with httpx.Client(timeout=120) as client:
        with client.stream("POST", f"{server.api_base}/completions", json=body) as response:
            assert response.status_code == 200
            lines = response.iter_lines()
            received = 0
            for line in lines:
                if line.startswith("data: "):
                    received += 1
                if received == 3:
                    break
            assert server.metrics()["interns_active_sequences"] == 1
        # leaving the block closes the connection mid-stream
    assert _wait_for(lambda: server.metrics()["interns_active_sequences"] == 0), "the slot was not freed"
    after = server.metrics()
    assert after[cancelled] == before + 1
    assert after["interns_generation_tokens_total"] - generated_before < 200  # it stopped long before max_tokens


def test_client_disconnect_while_waiting_for_a_full_answer_frees_the_slot(server) -> None:
    body = {"model": MODEL, "prompt": COUNTING, "max_tokens": 2000, "temperature": 0}
    with pytest.raises(httpx.ReadTimeout):
        httpx.post(f"{server.api_base}/completions", json=body, timeout=httpx.Timeout(120, read=2.0))
    assert _wait_for(lambda: server.metrics()["interns_active_sequences"] == 0), "the slot was not freed"


def test_full_queue_answers_429_with_retry_after(tmp_path) -> None:
    small = start_server(tmp_path, "--max-batch", "1", "--queue-size", "1", "--context-length", "256")
    try:
        body = {"model": MODEL, "prompt": COUNTING, "max_tokens": 200, "temperature": 0, "stream": True}
        with httpx.Client(base_url=small.api_base, timeout=120) as client:
            with client.stream("POST", "/completions", json=body) as running:
                with client.stream("POST", "/completions", json=body) as queued:
                    assert running.status_code == 200 and queued.status_code == 200  # one in the slot, one waiting
                    assert _wait_for(lambda: small.metrics()["interns_queue_depth"] == 1)
                    rejected = client.post("/completions", json={**body, "stream": False})
                    assert rejected.status_code == 429
                    assert int(rejected.headers["retry-after"]) >= 1
                    assert rejected.json()["error"]["type"] == "rate_limit_error"
                # the waiting client left: its queue place is free again at once
                assert _wait_for(lambda: small.metrics()["interns_queue_depth"] == 0)
                with client.stream("POST", "/completions", json=body) as again:
                    assert again.status_code == 200
        # every stream was dropped: the server is idle again and answers
        assert _wait_for(lambda: small.metrics()["interns_active_sequences"] == 0 and small.metrics()["interns_queue_depth"] == 0)
        answer = httpx.post(f"{small.api_base}/completions", json={**body, "stream": False, "max_tokens": 4}, timeout=120)
        assert answer.status_code == 200
        assert small.metrics()['interns_requests_total{outcome="rejected_queue_full"}'] == 1
    finally:
        small.stop()
