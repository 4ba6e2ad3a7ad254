"""One `interns serve` for several models (real servers on loopback, the tiny GGUF fixtures): the second
model loads on its first request and both answer, each request routed by its `model`; a memory limit too
small for both unloads the least recently used idle one (saying so in one log line), or answers 503 with
what is needed and what is free when nothing can be freed; `--preload` loads and warms both before
ready, as memory allows; the supervisor reuses such a server for the second model, and starts one
serving both when none answers."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from support.serving import RunningServer, free_port, start_server

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "local_model"
QWEN, LLAMA = FIXTURES / "tiny_qwen2.gguf", FIXTURES / "tiny_llama.gguf"
TINY = ("--max-batch", "2", "--context-length", "128", "--quant", "fp32", "--no-warm-up", "--prefix-cache-mb", "1")  # ~1.3 MB a model


def _tiny_pair(tmp_path: Path, *options: str) -> RunningServer:
    return start_server(tmp_path, *TINY, "--cache-dir", str(tmp_path / "cache"), *options, models=(str(QWEN), str(LLAMA)))


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory):
    """The two tiny models without a memory limit (the second not loaded until asked for)."""
    server = _tiny_pair(tmp_path_factory.mktemp("pair"))
    yield server
    server.stop()


def _complete(server: RunningServer, model: str) -> httpx.Response:
    body = {"model": model, "prompt": "the cat", "max_tokens": 4, "temperature": 0}
    return httpx.post(f"{server.api_base}/completions", json=body, timeout=60)


def _loaded(server: RunningServer) -> dict[str, bool]:
    health = httpx.get(f"{server.url}/health", timeout=10).json()
    assert health["status"] == "ok"
    return {model["name"]: model["loaded"] for model in health["models"]}


def test_the_second_model_loads_on_its_first_request_and_both_answer(pair: RunningServer) -> None:
    server = pair
    assert "tiny_llama on first use" in server.log_tail()
    assert _loaded(server) == {"tiny_qwen2": True, "tiny_llama": False}
    cards = httpx.get(f"{server.api_base}/models", timeout=10).json()["data"]
    assert [(card["id"], card["loaded"]) for card in cards] == [("tiny_qwen2", True), ("tiny_llama", False)]

    async def first_burst() -> list[httpx.Response]:  # concurrent first requests share one load
        async with httpx.AsyncClient(base_url=server.api_base, timeout=60) as client:
            body = {"model": "local/tiny_llama", "prompt": "the cat", "max_tokens": 4, "temperature": 0}
            return await asyncio.gather(*(client.post("/completions", json=body) for _ in range(3)))

    answers = asyncio.run(first_burst())
    assert [answer.status_code for answer in answers] == [200] * 3, answers[0].text
    assert {answer.json()["model"] for answer in answers} == {"tiny_llama"}
    assert server.log_tail().count("loaded tiny_llama on first use") == 1
    assert _loaded(server) == {"tiny_qwen2": True, "tiny_llama": True}  # both resident: no limit
    answer = _complete(server, "tiny_qwen2")
    assert answer.status_code == 200 and answer.json()["model"] == "tiny_qwen2"
    assert httpx.get(f"{server.api_base}/models/local/tiny_llama", timeout=10).json()["loaded"] is True
    missing = _complete(server, "gpt-9")
    assert missing.status_code == 404 and "'tiny_qwen2', 'tiny_llama'" in missing.json()["error"]["message"]
    assert server.metrics("tiny_llama")['interns_requests_total{outcome="finished"}'] == 3
    assert server.metrics("tiny_qwen2")['interns_requests_total{outcome="finished"}'] == 1


def test_a_limit_too_small_for_both_unloads_the_idle_one_it_used_least_recently(tmp_path: Path) -> None:
    server = _tiny_pair(tmp_path, "--memory-limit-mb", "2")
    try:
        assert _complete(server, "tiny_llama").status_code == 200
        assert _loaded(server) == {"tiny_qwen2": False, "tiny_llama": True}
        unloaded = [line for line in server.log_tail().splitlines() if "unloaded" in line]
        assert len(unloaded) == 1
        assert "interns serve: unloaded tiny_qwen2" in unloaded[0] and "to make room for tiny_llama" in unloaded[0]
        assert "--memory-limit-mb 2" in unloaded[0]
        assert _complete(server, "tiny_qwen2").status_code == 200  # and back: tiny_llama makes room in turn
        assert _loaded(server) == {"tiny_qwen2": True, "tiny_llama": False}
        assert "unloaded tiny_llama" in server.log_tail()
    finally:
        server.stop()


def test_when_nothing_can_be_freed_the_request_gets_a_503_saying_why(tmp_path: Path) -> None:
    server = _tiny_pair(tmp_path, "--memory-limit-mb", "1")  # not even one fits; the first loads anyway
    try:
        assert "loading it anyway" in server.log_tail()
        refused = _complete(server, "tiny_llama")
        assert refused.status_code == 503, refused.text
        error = refused.json()["error"]
        assert set(error) == {"message", "type", "param", "code"} and error["code"] == "insufficient_memory"
        assert "Not enough memory to load 'tiny_llama': it needs ~1.3 MB" in error["message"]
        assert "is free (--memory-limit-mb 1" in error["message"] and "would free only" in error["message"]
        assert _loaded(server) == {"tiny_qwen2": True, "tiny_llama": False}  # nothing unloaded for nothing
        assert _complete(server, "tiny_qwen2").status_code == 200
    finally:
        server.stop()


def test_preload_loads_and_warms_every_model_before_ready(tmp_path: Path) -> None:
    warm = tuple(option for option in TINY if option != "--no-warm-up")
    server = start_server(tmp_path, *warm, "--cache-dir", str(tmp_path / "cache"), "--preload", models=(str(QWEN), str(LLAMA)))
    try:
        assert _loaded(server) == {"tiny_qwen2": True, "tiny_llama": True}  # before any request
        log = server.log_tail()
        assert "loaded tiny_llama at start" in log and "on first use" not in log
        ready = next(line for line in log.splitlines() if "interns serve: ready" in line)
        assert "warmed up in" in ready and "; tiny_llama loaded, warmed up in" in ready
        assert server.metrics("tiny_llama")["interns_generation_tokens_total"] == 0  # the warm-up is not traffic
        assert _complete(server, "tiny_llama").status_code == 200
        assert "loaded tiny_llama" not in server.log_tail().replace("loaded tiny_llama at start", "")  # no second load
    finally:
        server.stop()


def test_preload_without_room_leaves_the_model_to_its_first_use(tmp_path: Path) -> None:
    server = _tiny_pair(tmp_path, "--preload", "--memory-limit-mb", "1")  # the first loads anyway, the second cannot
    try:
        assert _loaded(server) == {"tiny_qwen2": True, "tiny_llama": False}
        log = server.log_tail()
        assert "tiny_llama is not preloaded, it will load on first use: Not enough memory to load 'tiny_llama'" in log
        assert "; tiny_llama on first use (no room now)" in log
    finally:
        server.stop()


def test_the_supervisor_reuses_a_multi_model_server_for_its_second_model(pair: RunningServer, tmp_path: Path, monkeypatch) -> None:
    from interns.local_model.serving import supervisor

    monkeypatch.setenv(supervisor.SERVER_URL_ENV, pair.url)
    monkeypatch.setenv("INTERNS_CACHE_DIR", str(tmp_path / "cache"))  # its lock file too
    assert supervisor.server_for("tiny_llama") == pair.url  # served, though not the server's default
    assert supervisor.server_for("tiny_qwen2") == pair.url
    assert not supervisor._started  # nothing was started


def test_the_supervisor_starts_one_server_serving_the_cascade(tmp_path: Path, monkeypatch) -> None:
    from interns.local_model.serving import supervisor

    url = f"http://127.0.0.1:{free_port()}"
    monkeypatch.setenv(supervisor.SERVER_URL_ENV, url)
    monkeypatch.setenv(supervisor.SERVER_ARGS_ENV, " ".join(TINY))
    monkeypatch.setenv("INTERNS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(supervisor, "companions", lambda name: [str(LLAMA)])  # what is installed, here the tiny llama
    try:
        assert supervisor.server_for(str(QWEN)) == url
        process = supervisor._started[str(QWEN)].process
        health = httpx.get(f"{url}/health", timeout=10).json()
        assert [(model["name"], model["loaded"]) for model in health["models"]] == [("tiny_qwen2", True), ("tiny_llama", False)]
        assert supervisor.server_for(str(LLAMA)) == url  # the same process serves the second tier
        assert supervisor._started[str(LLAMA)].process is process
    finally:
        supervisor.stop_started_servers()
    assert process.poll() is not None
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"{url}/health", timeout=2)
