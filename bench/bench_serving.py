"""`interns serve` under load: aggregate tokens/s as concurrent streams grow, and the prefix cache's
effect on time to first token. Every figure is a ratio against a baseline measured in the same run.

    python bench/bench_serving.py [--json] [--url http://127.0.0.1:8765] [--threads 2]
                                  [--concurrency 1,2,4,8] [--max-tokens 32] [--prefix-tokens 1000]
                                  [--repeats 2] [--profile] [--lazy-model qwen2.5-coder-1.5b]

Without --url it starts its own server (max batch = the largest concurrency). Goals (issue 5): 8 streams
>= 3x the tokens/s of one stream; a 1,000-token prefix found in the cache >= 10x faster to the first
token than the same length computed. --lazy-model also serves a second model and compares its first
burst when it loads on first use (the default) with --preload (loaded and warmed before ready).
--profile also times the engine's batched forward per op at 1..16 rows in this process, which shows
where a poor batching gain comes from.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import uuid
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

MODEL = "qwen2.5-coder-0.5b"
# a prompt the model keeps continuing (no early stop), so every stream produces max_tokens tokens
COUNTING = "values_{n} = [{start}, {a}, {b}, {c}, {d},"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(max_batch: int, threads: int | None, context: int, warm_up: bool = True, *extra: str) -> tuple[str, subprocess.Popen, Path]:
    port = free_port()
    log = Path(tempfile.mkstemp(prefix="bench-serve-", suffix=".log")[1])
    command = [sys.executable, "-m", "interns.local_model.serving", "--model", MODEL, "--port", str(port),
               "--max-batch", str(max_batch), "--context-length", str(context), *extra]
    if threads:
        command += ["--threads", str(threads)]
    if not warm_up:
        command.append("--no-warm-up")
    process = subprocess.Popen(command, stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the server exited:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return url, process, log
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    process.kill()
    raise SystemExit("the server did not start")


async def stream_one(client: httpx.AsyncClient, body: dict) -> dict:
    """One streamed request: seconds to the first text, to the end, and tokens generated."""
    started = time.perf_counter()
    first = None
    usage = None
    async with client.stream("POST", "/completions", json={**body, "stream": True, "stream_options": {"include_usage": True}}) as response:
        response.raise_for_status()
        async for line in response.aiter_lines():
            if not line.startswith("data: ") or line == "data: [DONE]":
                continue
            chunk = json.loads(line[6:])
            if "error" in chunk:
                raise RuntimeError(chunk["error"]["message"])
            if chunk.get("usage"):
                usage = chunk["usage"]
            elif first is None and chunk["choices"] and chunk["choices"][0]["text"]:
                first = time.perf_counter() - started
    return {"first": first, "total": time.perf_counter() - started, "tokens": usage["completion_tokens"], "cached": usage["prompt_tokens_details"]["cached_tokens"]}


async def throughput(url: str, streams: int, max_tokens: int, model: str = MODEL) -> dict:
    """`streams` requests at once; aggregate tok/s = all generated tokens / wall time of the wave."""
    async with httpx.AsyncClient(base_url=f"{url}/v1", timeout=3600) as client:
        bodies = [
            {"model": model, "prompt": COUNTING.format(n=index, start=index * 7, a=index * 7 + 1, b=index * 7 + 2, c=index * 7 + 3, d=index * 7 + 4),
             "max_tokens": max_tokens, "temperature": 0}
            for index in range(streams)
        ]
        started = time.perf_counter()
        results = await asyncio.gather(*(stream_one(client, body) for body in bodies))
        wall = time.perf_counter() - started
    tokens = sum(result["tokens"] for result in results)
    return {"streams": streams, "tokens": tokens, "seconds": round(wall, 3), "tok_s": tokens / wall}


def prefix_ids(count: int):
    """`count` tokens of real Python source (the standard library's textwrap and difflib)."""
    import difflib

    from interns.local_model.install import resolve_model_path
    from interns.local_model.source import open_model_source

    tokenizer = open_model_source(resolve_model_path(MODEL)).tokenizer
    text = Path(textwrap.__file__).read_text() + Path(difflib.__file__).read_text()
    ids = tokenizer.encode(text)
    if len(ids) < count:
        raise SystemExit(f"only {len(ids)} tokens of source available")
    return ids[:count], tokenizer


async def first_token(url: str, prompt: list[int]) -> dict:
    async with httpx.AsyncClient(base_url=f"{url}/v1", timeout=3600) as client:
        return await stream_one(client, {"model": MODEL, "prompt": prompt, "max_tokens": 1, "temperature": 0})


def ttft(url: str, prefix_tokens: int, repeats: int) -> dict:
    """First-token time for prefix + question: prefix new (a unique first line) vs already cached."""
    prefix, tokenizer = prefix_ids(prefix_tokens)
    cold, warm, cached_tokens = [], [], []
    for repeat in range(repeats):
        nonce = tokenizer.encode(f"# session {uuid.uuid4().hex}\n")
        shared = nonce + prefix
        question = tokenizer.encode(f"\n# Question {repeat}: what does the function above return?\n")
        cold.append(asyncio.run(first_token(url, shared + question))["first"])
        other = tokenizer.encode(f"\n# Question {repeat}b: which names does it import?\n")
        result = asyncio.run(first_token(url, shared + other))
        warm.append(result["first"])
        cached_tokens.append(result["cached"])
    return {
        "prompt_tokens": len(shared) + len(other),
        "cached_tokens": min(cached_tokens),
        "uncached_s": statistics.median(cold),
        "cached_s": statistics.median(warm),
        "speedup": statistics.median(cold) / statistics.median(warm),
    }


def first_bursts(threads: int | None, burst: int, max_tokens: int, model: str, servers: dict[str, tuple[bool, list[str], bool]]) -> dict[str, dict]:
    """For each named server (warm-up on or off, extra arguments, whether its next burst is wanted too):
    seconds until it answered /health, its first burst of `burst` requests to `model` after that, the
    next burst (None when not wanted), and its log."""
    measured = {}
    for name, (warm_up, extra, then_warm) in servers.items():
        started = time.perf_counter()
        url, process, log = start_server(burst, threads, 2048, warm_up, *extra)
        ready = time.perf_counter() - started
        try:
            first = asyncio.run(throughput(url, burst, max_tokens, model))["seconds"]
            second = asyncio.run(throughput(url, burst, max_tokens, model))["seconds"] if then_warm else None
        finally:
            process.terminate()
            process.wait(30)
        measured[name] = {"ready_s": ready, "first_s": first, "second_s": second, "log": log.read_text()}
    return measured


def cold_start(threads: int | None, burst: int, max_tokens: int) -> dict:
    """The first burst of `burst` concurrent requests after the server says ready: started without
    the warm-up (cold), the same server's next burst (warm), and a server started with it."""
    runs = first_bursts(threads, burst, max_tokens, MODEL, {"cold": (False, [], True), "warmed": (True, [], False)})
    figures = {"cold_s": runs["cold"]["first_s"], "warm_s": runs["cold"]["second_s"], "warmed_up_first_s": runs["warmed"]["first_s"]}
    figures["cold_vs_warm"] = figures["cold_s"] / figures["warm_s"]
    figures["warmed_up_first_vs_warm"] = figures["warmed_up_first_s"] / figures["warm_s"]
    return figures


def lazy_start(threads: int | None, burst: int, max_tokens: int, lazy_model: str) -> dict:
    """A second model served beside MODEL: its first burst when it loads on that burst's requests (the
    default; the load itself is read from the server's log line and taken out), the same server's next
    burst (warm), and the first burst on a server started with --preload (loaded and warmed before ready)."""
    servers = {"lazy": (True, ["--model", lazy_model], True), "preload": (True, ["--model", lazy_model, "--preload"], False)}
    runs = first_bursts(threads, burst, max_tokens, lazy_model, servers)
    loaded = re.search(r"loaded \S+ on first use in ([0-9.]+) s", runs["lazy"]["log"])
    load_s = float(loaded.group(1)) if loaded else 0.0
    figures = {"model": lazy_model, "load_s": load_s, "cold_s": runs["lazy"]["first_s"] - load_s, "ready_s": runs["lazy"]["ready_s"],
               "warm_s": runs["lazy"]["second_s"], "preloaded_first_s": runs["preload"]["first_s"], "preloaded_ready_s": runs["preload"]["ready_s"]}
    figures["cold_vs_warm"] = figures["cold_s"] / figures["warm_s"]
    figures["preloaded_first_vs_warm"] = figures["preloaded_first_s"] / figures["warm_s"]
    return figures


def server_figures(url: str) -> dict:
    """MODEL's samples from /metrics by bare name (the server labels each model's samples model="...")."""
    figures = {}
    for line in httpx.get(f"{url}/metrics", timeout=10).text.splitlines():
        if line and not line.startswith("#"):
            name, _, value = line.rpartition(" ")
            bare, _, labels = name.partition("{")
            if not labels or f'model="{MODEL}"' in labels:
                figures.setdefault(bare, float(value))
    return figures


def engine_profile(threads: int | None, rows: list[int]) -> list[dict]:
    """Milliseconds per op of one batched decode step at several batch sizes (in this process)."""
    import numpy as np

    from interns.local_model.engine import Engine, SequenceChunk
    from interns.local_model.model import OpTimer

    engine = Engine.load(MODEL, n_slots=max(rows), max_seq_len=512, threads=threads)
    prompt = engine.tokenizer.encode("def fibonacci(n):\n    '''Return the n-th Fibonacci number.'''\n" * 3)
    for slot in range(max(rows)):
        engine.forward([SequenceChunk(slot, np.array(prompt), 0)])
    results = []
    for batch in rows:
        engine.transformer.timer = OpTimer(True)
        steps = 5
        started = time.perf_counter()
        for step in range(steps):
            engine.forward([SequenceChunk(slot, np.array([100]), len(prompt) + step) for slot in range(batch)])
        seconds = (time.perf_counter() - started) / steps
        ops = {name: value / steps * 1000 for name, value in engine.transformer.timer.seconds.items()}
        results.append({"rows": batch, "step_ms": seconds * 1000, "tok_s": batch / seconds, "ops_ms": ops})
        for slot in range(max(rows)):
            engine.cache.truncate(slot, len(prompt))
    engine.transformer.timer = OpTimer(False)
    return results


def cpu_model() -> str:
    for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
        if line.startswith("Model name:"):
            return line.split(":", 1)[1].strip()
    return "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--url", help="an already running server (default: start one)")
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--concurrency", default="1,2,4,8")
    parser.add_argument("--max-tokens", type=int, default=32)
    parser.add_argument("--prefix-tokens", type=int, default=1000)
    parser.add_argument("--repeats", type=int, default=3, help="waves per concurrency and first-token pairs (median)")
    parser.add_argument("--profile", action="store_true", help="also time the engine's batched forward per op")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    parser.add_argument("--no-cold-start", action="store_true", help="skip the first-burst figures (they start two more servers)")
    parser.add_argument("--lazy-model", help="also measure this model served second: its first burst loaded on first use vs --preload")
    args = parser.parse_args()
    levels = [int(level) for level in args.concurrency.split(",")]
    process = None
    url = args.url
    if url is None:
        url, process, _ = start_server(max(levels), args.threads, context=max(2048, args.prefix_tokens + 256))
    try:
        asyncio.run(throughput(url, 1, 4))  # warm-up: pages of the weights, first-call costs
        waves = []
        for level in levels:  # the median wave of `repeats` (shared machines are noisy)
            runs = sorted((asyncio.run(throughput(url, level, args.max_tokens)) for _ in range(args.repeats)), key=lambda wave: wave["tok_s"])
            waves.append(runs[len(runs) // 2])
        base = waves[0]["tok_s"]
        for wave in waves:
            wave["ratio"] = wave["tok_s"] / base
        prefix = ttft(url, args.prefix_tokens, args.repeats)
        figures = server_figures(url)
    finally:
        if process is not None:
            process.terminate()
            process.wait(30)
    report = {
        "throughput": waves,
        "ratio_8_vs_1": next((wave["ratio"] for wave in waves if wave["streams"] == 8), None),
        "prefix_cache_ttft": prefix,
        "server": {
            "mean_rows_per_step": figures["interns_engine_step_rows_total"] / max(figures["interns_engine_steps_total"], 1),
            "prefix_cache_hit_rate": figures["interns_prefix_cache_hit_rate"],
        },
    }
    if not args.no_cold_start:
        report["first_burst"] = cold_start(args.threads, max(levels), args.max_tokens)
    if args.lazy_model:
        report["lazy_model"] = lazy_start(args.threads, max(levels), args.max_tokens, args.lazy_model)
    if args.profile:
        report["engine_profile"] = engine_profile(args.threads, [1, 2, 4, 8, 16])
    report["cpu"] = cpu_model()
    if args.json:
        print(json.dumps(report, indent=2))
        return
    console = Console(width=None if sys.stdout.isatty() else 200)
    console.print(f"CPU: {report['cpu']}")
    table = Table(title=f"aggregate throughput ({args.max_tokens} tokens per stream, greedy)")
    for column in ("streams", "tokens", "seconds", "tok/s", "x one stream"):
        table.add_column(column, justify="right")
    for wave in waves:
        table.add_row(str(wave["streams"]), str(wave["tokens"]), f"{wave['seconds']:.2f}", f"{wave['tok_s']:.1f}", f"{wave['ratio']:.2f}x")
    console.print(table)
    goal = report["ratio_8_vs_1"]
    if goal is not None:
        console.print(f"8 streams vs 1: [bold]{goal:.2f}x[/] (goal >= 3x; ggml about 1.2x)")
    table = Table(title=f"time to first token, {prefix['prompt_tokens']}-token prompt")
    for column in ("prefix", "cached tokens", "seconds"):
        table.add_column(column, justify="right")
    table.add_row("computed", "0", f"{prefix['uncached_s']:.3f}")
    table.add_row("from the cache", str(prefix["cached_tokens"]), f"{prefix['cached_s']:.3f}")
    console.print(table)
    console.print(f"cached vs computed: [bold]{prefix['speedup']:.1f}x[/] faster (goal >= 10x)")
    console.print(f"server: {report['server']['mean_rows_per_step']:.1f} rows per step on average")
    if "first_burst" in report:
        burst = report["first_burst"]
        table = Table(title=f"the first burst of {max(levels)} requests after `ready` ({args.max_tokens} tokens each)")
        for column in ("server", "seconds", "x warm"):
            table.add_column(column, justify="right")
        table.add_row("--no-warm-up, first burst (cold)", f"{burst['cold_s']:.2f}", f"{burst['cold_vs_warm']:.2f}x")
        table.add_row("--no-warm-up, second burst (warm)", f"{burst['warm_s']:.2f}", "1.00x")
        table.add_row("warmed up (the default), first burst", f"{burst['warmed_up_first_s']:.2f}", f"{burst['warmed_up_first_vs_warm']:.2f}x")
        console.print(table)
    if "lazy_model" in report:
        lazy = report["lazy_model"]
        table = Table(title=f"{lazy['model']} served second: the first burst of {max(levels)} requests to it ({args.max_tokens} tokens each)")
        for column in ("server", "seconds", "x warm", "ready after (s)"):
            table.add_column(column, justify="right")
        table.add_row("loaded on first use (the default): first burst, load taken out", f"{lazy['cold_s']:.2f}", f"{lazy['cold_vs_warm']:.2f}x", f"{lazy['ready_s']:.1f}")
        table.add_row(f"  its load on that first burst ({lazy['model']})", f"{lazy['load_s']:.2f}", "", "")
        table.add_row("  second burst (warm)", f"{lazy['warm_s']:.2f}", "1.00x", "")
        table.add_row("--preload: first burst", f"{lazy['preloaded_first_s']:.2f}", f"{lazy['preloaded_first_vs_warm']:.2f}x", f"{lazy['preloaded_ready_s']:.1f}")
        console.print(table)
    if args.profile:
        table = Table(title="engine: one batched decode step, ms per op")
        ops = sorted({op for row in report["engine_profile"] for op in row["ops_ms"]}, key=lambda op: -report["engine_profile"][-1]["ops_ms"].get(op, 0))
        for column in ("rows", "step ms", "tok/s", *ops):
            table.add_column(column, justify="right")
        for row in report["engine_profile"]:
            table.add_row(str(row["rows"]), f"{row['step_ms']:.0f}", f"{row['tok_s']:.1f}", *(f"{row['ops_ms'].get(op, 0):.1f}" for op in ops))
        console.print(table)


if __name__ == "__main__":
    main()
