"""The bundled model on our engine: speed next to baselines measured in the same run, and int4 quality.

    python bench/bench_model.py [--json] [--threads 2] [--prompt-tokens 1000] [--decode-tokens 64]
                                [--quant int4] [--profile] [--repeats 3]
                                [--quality [--quality-tokens 3000] [--schemes int4,int4-all,int8]]
                                [--start-time]

Speed: `interns model bench` (prompt and decode tok/s, first-token latency, resident memory, kernel
GEMV µs for the issue's shapes) with numpy fp32 and, when llama-cpp-python is importable, llama.cpp on
the same GGUF as baselines.
Quality (--quality): each scheme against our fp32 path (which the tests hold to transformers' logits) on
a few thousand tokens of real Python source: top-1 agreement and perplexity ratio.
Start time (--start-time): a fresh process loading the model, cold (conversion cache removed: converts
and writes the cache) and warm (memory-mapped from the cache).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from rich.console import Console

from interns.local_model.bench import print_report, run_bench

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "local_model"


def code_tokens(limit: int) -> list[int]:
    cases = json.loads((FIXTURES / "tokenizer_corpus.json").read_text(encoding="utf-8"))["cases"]
    tokens = [token for case in cases if case["name"].startswith("stdlib/") for token in case["ids"]]
    return tokens[:limit]


def quality(schemes: list[str], tokens: int, threads: int) -> dict:
    from interns.local_model.engine import Engine
    from interns.local_model.quality import compare

    ids = code_tokens(tokens)
    reference = Engine.load(quant="fp32", threads=threads, max_seq_len=len(ids) + 64)
    results = {}
    for scheme in schemes:
        engine = Engine.load(quant=scheme, threads=threads, max_seq_len=len(ids) + 64)
        started = time.perf_counter()
        results[scheme] = {**compare(engine, reference, ids).as_dict(), "seconds": round(time.perf_counter() - started, 1)}
        del engine
    return results


def start_time(quant: str, threads: int) -> dict:
    """Seconds for a fresh interpreter to load the model: cold (conversion cache dropped) and warm."""
    import shutil

    from interns.local_model.convert import conversion_dir, scheme_of
    from interns.local_model.install import resolve_model_path
    from interns.local_model.source import open_model_source

    source = open_model_source(resolve_model_path())
    directory = conversion_dir(source, scheme_of(quant), None)
    code = (
        "import time; t = time.perf_counter()\n"
        "from interns.local_model.engine import Engine\n"
        f"engine = Engine.load(quant={quant!r}, threads={threads})\n"
        "engine.prefill(0, engine.tokenizer.encode('def f():'))\n"
        "print(time.perf_counter() - t)\n"
    )

    def run() -> float:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
        return time.perf_counter() - started

    if directory.exists():
        shutil.rmtree(directory)
    cold = run()
    warm = min(run() for _ in range(2))
    return {"cold_start_s": round(cold, 2), "warm_start_s": round(warm, 2), "quant": quant}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--model", default="qwen2.5-coder-0.5b")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--prompt-tokens", type=int, default=1000)
    parser.add_argument("--decode-tokens", type=int, default=64)
    parser.add_argument("--quant", default="int4")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-speed", action="store_true", help="skip the speed measurements")
    parser.add_argument("--quality", action="store_true")
    parser.add_argument("--quality-tokens", type=int, default=3000)
    parser.add_argument("--schemes", default="int4")
    parser.add_argument("--start-time", action="store_true")
    args = parser.parse_args()
    console = Console(stderr=True)
    report: dict = {}
    if not args.no_speed:
        report = run_bench(
            model=args.model, quant=args.quant, prompt_tokens=args.prompt_tokens, decode_tokens=args.decode_tokens,
            threads=args.threads, profile=args.profile, repeats=args.repeats,
            log=None if args.json else (lambda message: console.print(f"[dim]{message}[/dim]")),
        )
        if not args.json:
            print_report(report, Console())
    if args.quality:
        report["quality"] = quality(args.schemes.split(","), args.quality_tokens, args.threads)
        if not args.json:
            for scheme, values in report["quality"].items():
                Console().print(f"quality {scheme} vs fp32: {values}")
    if args.start_time:
        report["start"] = start_time(args.quant, args.threads)
        if not args.json:
            Console().print(f"start: {report['start']}")
    if args.json:
        print(json.dumps(report))


if __name__ == "__main__":
    main()
