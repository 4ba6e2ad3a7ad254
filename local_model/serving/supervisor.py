"""Server supervision: a running `interns serve` for a bundled model, found or started on demand.

`server_for("qwen2.5-coder-0.5b")` returns the base URL of a server that serves that model, reusing
one already answering on the configured address (INTERNS_SERVER_URL,
default http://127.0.0.1:8765) or starting one as a subprocess, waiting for its /health, and stopping it
when this process exits. The engine is loaded once per server; every intern of the process shares it,
which is what lets the server batch their requests and reuse their common prompt prefix.

One server serves several models (`interns serve --model a --model b`: the first loaded at start, the
others on their first request), so a cascade (0.5B, then 1.5B) needs one server process, not two:
  - a server is reused for a model when its /health lists it among the models it serves, loaded or
    not (older one-model servers: when it is their `model`); the configured one first, then ours;
  - a server this process starts serves the wanted model first and, after it, every other bundled model
    installed on this machine (`companions`), which it loads only if a request asks for it;
  - when the configured address answers with a server that cannot serve the model (another model
    only), a second server is started on a free port, as before (or an error, when INTERNS_SERVER_URL
    was set explicitly).

Environment:
  INTERNS_SERVER_URL            where the server answers (or is started, when that is a loopback address)
  INTERNS_SERVER_ARGS           extra `interns serve` options for a started server, e.g. "--max-batch 16"
  INTERNS_SERVER_START_TIMEOUT  seconds to wait for a started server (default 900: the first start
                                converts the model to int4, later starts take seconds)
"""

from __future__ import annotations

import atexit
import os
import re
import shlex
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from interns.errors import ModelUnavailableError
from interns.local_model.registry import LOCAL_PREFIX, MODELS

SERVER_URL_ENV = "INTERNS_SERVER_URL"
SERVER_ARGS_ENV = "INTERNS_SERVER_ARGS"
START_TIMEOUT_ENV = "INTERNS_SERVER_START_TIMEOUT"
DEFAULT_SERVER_URL = "http://127.0.0.1:8765"
DEFAULT_START_TIMEOUT_S = 900.0
PROBE_TIMEOUT_S = 5.0
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]"}
LOG_TAIL_CHARS = 3000


@dataclass
class StartedServer:
    """A server this process started (and stops at exit)."""

    model: str  # the one it was started for (its default); `models` are all it serves
    models: tuple[str, ...]
    base_url: str
    process: subprocess.Popen
    log_path: Path

    def stop(self, timeout: float = 10.0) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)

    def log_tail(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")[-LOG_TAIL_CHARS:].strip() or "(empty log)"
        except OSError as error:
            return f"(log unreadable: {error})"


_lock = threading.Lock()
_started: dict[str, StartedServer] = {}  # model name -> the server this process started that serves it
_atexit_registered = False


def configured_url() -> str:
    return os.environ.get(SERVER_URL_ENV, "").strip().rstrip("/") or DEFAULT_SERVER_URL


def server_for(name: str) -> str:
    """Base URL of a healthy server for bundled model `name`, started (and stopped at exit) if need be."""
    if not name:
        raise ModelUnavailableError("no bundled model named (expected local/<name>)")
    with _lock, _process_lock():
        return _server_for(name)


def _process_lock():
    """Serialises finding/starting servers across processes (two runs must not both start one)."""
    from interns.local_model.atomic import exclusive_lock
    from interns.local_model.paths import cache_root

    return exclusive_lock(cache_root() / "serve.lock")


def stop_started_servers() -> None:
    """Stop every server this process started (runs at exit)."""
    with _lock:
        servers = list({id(server): server for server in _started.values()}.values())  # one server may serve several
        _started.clear()
    for server in servers:
        server.stop()


def probe(base_url: str) -> dict[str, Any] | None:
    """The server's /health document, or None when nothing healthy answers there."""
    try:
        response = httpx.get(f"{base_url}/health", timeout=PROBE_TIMEOUT_S)
        if response.status_code != 200:
            return None
        document = response.json()
        return document if isinstance(document, dict) else None
    except (httpx.HTTPError, ValueError):
        return None


def serves(health: dict[str, Any], name: str) -> bool:
    """Whether the server whose /health this is serves `name`: as its default model, or as one of the
    models it lists (loaded or loadable on first use)."""
    listed = health.get("models")
    models = [{"name": health.get("model"), "aliases": health.get("aliases")}, *(listed if isinstance(listed, list) else [])]
    wanted = {name, f"{LOCAL_PREFIX}{name}"}
    return any(model.get("name") == name or wanted & set(model.get("aliases") or []) for model in models if isinstance(model, dict))


def companions(name: str) -> list[str]:
    """The other bundled models a server started for `name` also serves: those installed here (or
    installable from their part packages), loaded only when asked for."""
    from interns.local_model.install import is_available

    return [other for other in MODELS if other != name and is_available(other)]


def _server_for(name: str) -> str:
    """Base URL of a healthy server for `name` (called with the lock held)."""
    mine = _started.get(name)
    if mine is not None:
        health = probe(mine.base_url)
        if health is not None and serves(health, name):
            return mine.base_url
        mine.stop()  # died or hung: replace it
        for served in mine.models:
            if _started.get(served) is mine:
                del _started[served]
    configured = configured_url()
    health = probe(configured)
    if health is not None:
        if serves(health, name):
            return configured
        if os.environ.get(SERVER_URL_ENV):
            raise ModelUnavailableError(
                f"the server at {configured} ({SERVER_URL_ENV}) serves {health.get('model')!r}, not {name!r}"
            )
        # the default port hosts another model: start ours on a free port
        return _start(name, "127.0.0.1", _free_port())
    parts = urlsplit(configured)
    host = parts.hostname or "127.0.0.1"
    if host not in LOOPBACK_HOSTS:
        raise ModelUnavailableError(
            f"no model server answers at {configured} ({SERVER_URL_ENV}), and it is not a local address to start one on"
        )
    port = parts.port or 80
    if _port_taken(host, port):
        # something that is not a healthy model server holds the port: do not fight it
        return _start(name, "127.0.0.1", _free_port())
    return _start(name, host, port)


def _start(name: str, host: str, port: int) -> str:
    """Start a server for `name` and its companions (loaded on first use)."""
    global _atexit_registered
    models = [name, *companions(name)]
    base_url = f"http://{host}:{port}"
    label = re.sub(r"[^\w.-]", "_", Path(name).name)  # a GGUF path names a model too
    log_file = tempfile.NamedTemporaryFile(prefix=f"interns-serve-{label}-", suffix=".log", delete=False)
    command = [
        sys.executable, "-m", "interns.local_model.serving",
        *(argument for model in models for argument in ("--model", model)),
        "--host", host, "--port", str(port), "--parent-pid", str(os.getpid()),
        *shlex.split(os.environ.get(SERVER_ARGS_ENV, "")),
    ]
    process = subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=log_file, stderr=subprocess.STDOUT,
        start_new_session=True,  # a Ctrl-C reaches us, and we stop it in order
    )
    log_file.close()
    server = StartedServer(name, tuple(models), base_url, process, Path(log_file.name))
    if not _atexit_registered:
        atexit.register(stop_started_servers)
        _atexit_registered = True
    _wait_ready(server)
    for model in models:
        _started[model] = server
    return base_url


def _wait_ready(server: StartedServer) -> None:
    timeout = float(os.environ.get(START_TIMEOUT_ENV, DEFAULT_START_TIMEOUT_S))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        code = server.process.poll()
        if code is not None:
            # lost a race for the port to another process's server for the same model? then use that one
            health = probe(server.base_url)
            if health is not None and serves(health, server.model):
                return
            raise ModelUnavailableError(
                f"the local model server for {server.model!r} exited with code {code} while starting; "
                f"its log ({server.log_path}) ends with:\n{server.log_tail()}"
            )
        health = probe(server.base_url)
        if health is not None and serves(health, server.model):
            return
        time.sleep(0.25)
    server.stop()
    raise ModelUnavailableError(
        f"the local model server for {server.model!r} did not answer {server.base_url}/health within {timeout:.0f} s; "
        f"its log ({server.log_path}) ends with:\n{server.log_tail()}"
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _port_taken(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1.0)
        return sock.connect_ex((host.strip("[]"), port)) == 0
