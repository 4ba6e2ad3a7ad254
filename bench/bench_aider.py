"""aider against `interns serve`: one real agent-client edit on a tiny fresh repo, timed.

    python bench/bench_aider.py [--url http://127.0.0.1:8765] [--threads 2] [--timeout 600]

aider is not a dependency of interns: install it on its own (`python -m pip install aider-install &&
aider-install`, or `pipx install aider-chat`); without it this prints how and exits 0. aider runs with
`--edit-format whole` (the 0.5B model cannot write reliable diffs), pointed at the server through
OPENAI_API_BASE, and is asked to fix a one-line bug; the script reports the time, whether the fix works,
and the server's request and token counts.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from bench_serving import MODEL, cpu_model, start_server

INSTALL_HINT = """aider is not installed, so there is nothing to run. Install it in its own environment:
    python -m pip install aider-install && aider-install     (or: pipx install aider-chat)
then run this script again."""
BUGGY = 'def add(a: int, b: int) -> int:\n    """Return the sum of a and b."""\n    return a - b\n'
REQUEST = "Fix the bug in calc.py: add(2, 3) must return 5. Change only what is needed."


def aider_command() -> list[str] | None:
    """How to start aider: its own executable (pipx / aider-install), else the module in this Python."""
    executable = shutil.which("aider")
    if executable:
        return [executable]
    if importlib.util.find_spec("aider") is not None:
        return [sys.executable, "-m", "aider"]
    return None


def make_repo(root: Path) -> Path:
    repo = root / "calc-repo"
    repo.mkdir()
    (repo / "calc.py").write_text(BUGGY)
    for command in (["git", "init", "-q"], ["git", "add", "."], ["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost", "commit", "-qm", "init"]):
        subprocess.run(command, cwd=repo, check=True)
    return repo


def fixed(repo: Path) -> bool:
    namespace: dict = {}
    try:
        exec((repo / "calc.py").read_text(), namespace)
        return namespace["add"](2, 3) == 5 and namespace["add"](-1, 1) == 0
    except Exception:  # noqa: BLE001 - whatever the model wrote, the answer is "not fixed"
        return False


def requests_and_tokens(url: str) -> tuple[float, float]:
    samples = {}
    for line in httpx.get(f"{url}/metrics", timeout=10).text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            samples[name] = float(value)
    requests = sum(value for name, value in samples.items() if name.startswith("interns_requests_total"))
    return requests, samples.get("interns_generation_tokens_total", 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="an already running server (default: start one)")
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--timeout", type=float, default=600.0, help="seconds aider may take")
    args = parser.parse_args()

    print(f"CPU: {cpu_model()}")
    command = aider_command()
    if command is None:
        print(INSTALL_HINT)
        return
    process = None
    url = args.url
    if url is None:
        url, process, _ = start_server(max_batch=2, threads=args.threads, context=8192)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-aider-") as tmp:
            repo = make_repo(Path(tmp))
            env = {**os.environ, "OPENAI_API_BASE": f"{url}/v1", "OPENAI_API_KEY": "local"}
            before = requests_and_tokens(url)
            started = time.perf_counter()
            run = subprocess.run(
                [*command, "--model", f"openai/{MODEL}", "--edit-format", "whole", "--yes-always", "--no-auto-commits",
                 "--no-check-update", "--no-analytics", "--no-show-model-warnings", "--map-tokens", "0",
                 "--no-pretty", "--message", REQUEST, "calc.py"],
                cwd=repo, env=env, capture_output=True, text=True, timeout=args.timeout,
            )
            seconds = time.perf_counter() - started
            after = requests_and_tokens(url)
            print(f"aider exit code {run.returncode} in {seconds:.1f} s; "
                  f"{after[0] - before[0]:.0f} request(s), {after[1] - before[1]:.0f} generated tokens")
            print(f"fixed: {'yes' if fixed(repo) else 'no'}")
            print("calc.py now:\n" + (repo / "calc.py").read_text())
            if run.returncode != 0:
                print(run.stdout[-2000:], run.stderr[-2000:], sep="\n")
    finally:
        if process is not None:
            process.terminate()
            process.wait(20)


if __name__ == "__main__":
    main()
