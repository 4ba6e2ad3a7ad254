"""`interns model bench`: prompt/decode throughput, first-token latency and memory of our engine, each next
to baselines measured in the same run (numpy fp32 on real layer shapes; llama.cpp when importable)."""

from __future__ import annotations

import os
import statistics
import time
import timeit
from collections.abc import Callable
from pathlib import Path

import numpy as np

from interns.local_model.blas_threads import set_blas_threads
from interns.local_model.engine import Engine
from interns.local_model.model import SequenceChunk

KERNEL_SHAPES = ((896, 896), (4864, 896), (896, 4864), (4096, 4096))
Log = Callable[[str], None] | None


def memory_mb() -> dict[str, float]:
    """Resident and peak resident set of this process, in MB (Linux /proc)."""
    values = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0]) / 1024
    except OSError:
        pass
    return {"rss_mb": round(values.get("VmRSS", 0.0), 1), "peak_rss_mb": round(values.get("VmHWM", 0.0), 1)}


def code_corpus_ids(tokenizer, count: int) -> list[int]:
    """`count` tokens of real Python source (the standard library), for realistic prompts."""
    import inspect
    import json as json_module
    import textwrap

    texts = []
    for module in (json_module.decoder, json_module.encoder, textwrap, inspect):
        texts.append(Path(module.__file__).read_text(encoding="utf-8"))
    ids = tokenizer.encode("\n".join(texts))
    while len(ids) < count:
        ids = ids + ids
    return ids[:count]


def _median_time(function: Callable[[], object], repeats: int) -> float:
    """The median of `repeats` calls, in seconds (timed by timeit: without garbage collection)."""
    return statistics.median(timeit.repeat(function, number=1, repeat=repeats))


def measure_engine(engine: Engine, prompt_ids: list[int], decode_tokens: int, profile: bool) -> dict:
    """Prefill the prompt, then greedy-decode `decode_tokens` tokens; returns rates and timings."""
    engine.reset(0)
    engine.transformer.timer.enabled = profile
    engine.transformer.timer.seconds.clear()
    started = time.perf_counter()
    logits = engine.prefill(0, prompt_ids)
    prefill_seconds = time.perf_counter() - started
    prefill_profile = dict(engine.transformer.timer.seconds)
    engine.transformer.timer.seconds.clear()
    position = len(prompt_ids)
    token = int(np.argmax(logits))
    started = time.perf_counter()
    for _ in range(decode_tokens):
        (logits,) = engine.forward([SequenceChunk(0, np.array([token]), position)])
        token = int(np.argmax(logits))
        position += 1
    decode_seconds = time.perf_counter() - started
    decode_profile = dict(engine.transformer.timer.seconds)
    engine.transformer.timer.enabled = False
    result = {
        "prefill_tok_s": len(prompt_ids) / prefill_seconds,
        "decode_tok_s": decode_tokens / decode_seconds,
        "prefill_seconds": prefill_seconds,
        "decode_seconds": decode_seconds,
    }
    if profile:
        result["profile_prefill_ms"] = {k: round(v * 1000, 2) for k, v in sorted(prefill_profile.items(), key=lambda kv: -kv[1])}
        result["profile_decode_ms_per_token"] = {
            k: round(v * 1000 / decode_tokens, 3) for k, v in sorted(decode_profile.items(), key=lambda kv: -kv[1])
        }
    return result


def first_token_latency(engine: Engine, prompt_ids: list[int]) -> float:
    engine.reset(0)
    started = time.perf_counter()
    logits = engine.prefill(0, prompt_ids)
    int(np.argmax(logits))
    return time.perf_counter() - started


def numpy_fp32_baseline(engine: Engine, prompt_tokens: int, repeats: int = 3) -> dict:
    """One block's matmuls in numpy fp32 (dequantised weights of layer 0), scaled to the whole model:
    what a plain numpy engine would spend on matmuls alone (a lower bound on its time)."""
    config = engine.config
    layer = engine.transformer.weights.layers[0]
    matrices = [np.ascontiguousarray(getattr(layer, role).dequantize()) for role in ("qkv", "o", "gate_up", "down")]
    output = engine.transformer.weights.output
    # the output matrix is big: time a slice and scale by rows
    output_slice = np.ascontiguousarray(output.dequantize()[:16384]) if output.out_features > 16384 else output.dequantize()
    output_scale = output.out_features / output_slice.shape[0]
    rng = np.random.default_rng(0)

    def block_time(rows: int) -> float:
        inputs = [rng.standard_normal((rows, w.shape[1]), dtype=np.float32) for w in matrices]
        return _median_time(lambda: [x @ w.T for x, w in zip(inputs, matrices)], repeats)

    x_out = rng.standard_normal((1, config.d_model), dtype=np.float32)
    output_time = _median_time(lambda: x_out @ output_slice.T, repeats) * output_scale
    decode = block_time(1) * config.n_layers + output_time
    chunk = min(prompt_tokens, engine.prefill_chunk)
    prefill = block_time(chunk) * config.n_layers * (prompt_tokens / chunk) + output_time * (prompt_tokens / chunk)
    return {
        "decode_tok_s": 1.0 / decode,
        "prefill_tok_s": prompt_tokens / prefill,
        "note": "numpy fp32 matmuls of one real block scaled to all layers + output matrix (matmul time only)",
    }


def kernel_timings(threads: int, repeats: int = 20) -> list[dict]:
    """int4 GEMV (our kernel) vs numpy fp32 on the issue's shapes, with effective GB/s."""
    from interns.local_model import kernels

    rng = np.random.default_rng(1)
    rows_out = []
    for rows, cols in KERNEL_SHAPES:
        weight = rng.standard_normal((rows, cols), dtype=np.float32) * 0.02
        matrix = kernels.quantize_int4(weight, steps=1)
        x = rng.standard_normal(cols, dtype=np.float32)
        out = np.empty(rows, np.float32)
        matrix.matmul(x, out=out)
        ours = _median_time(lambda: matrix.matmul(x, out=out), repeats)
        fp32 = _median_time(lambda: weight @ x, repeats)
        rows_out.append(
            {
                "shape": f"{rows}x{cols}",
                "int4_us": round(ours * 1e6, 1),
                "numpy_fp32_us": round(fp32 * 1e6, 1),
                "int4_gb_s": round(matrix.nbytes / ours / 1e9, 2),
                "speedup_vs_fp32": round(fp32 / ours, 2),
            }
        )
    return rows_out


def llama_cpp_baseline(path: Path, prompt_ids: list[int], short_prompt: list[int], decode_tokens: int, threads: int) -> dict | None:
    """The same measurements through llama-cpp-python on the same GGUF, when it is installed."""
    try:
        import llama_cpp
        from llama_cpp import Llama
    except ImportError:
        return None
    llm = Llama(model_path=str(path), n_ctx=max(2048, len(prompt_ids) + decode_tokens + 8), n_threads=threads,
                n_threads_batch=threads, n_batch=512, verbose=False)

    def last_logits() -> np.ndarray:
        # llama-cpp-python 0.3 keeps Llama.scores only with logits_all (which would run the output matrix
        # on every prompt token): read the last position's logits from the context instead
        pointer = llama_cpp.llama_get_logits_ith(llm.ctx, -1)
        return np.ctypeslib.as_array(pointer, shape=(llm.n_vocab(),))

    llm.reset()
    started = time.perf_counter()
    llm.eval(prompt_ids)
    prefill = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(decode_tokens):
        token = int(np.argmax(last_logits()))
        llm.eval([token])
    decode = time.perf_counter() - started
    llm.reset()
    started = time.perf_counter()
    llm.eval(short_prompt)
    int(np.argmax(last_logits()))
    first = time.perf_counter() - started
    return {
        "prefill_tok_s": len(prompt_ids) / prefill,
        "decode_tok_s": decode_tokens / decode,
        "first_token_s_100": first,
        "version": getattr(llama_cpp, "__version__", "?"),
    }


def run_bench(
    model: str,
    quant: str = "int4",
    prompt_tokens: int = 1000,
    decode_tokens: int = 64,
    threads: int = 2,
    with_llama_cpp: bool = True,
    with_kernels: bool = True,
    profile: bool = False,
    repeats: int = 1,
    cache_dir: str | os.PathLike[str] | None = None,
    log: Log = None,
) -> dict:
    say = log or (lambda message: None)
    say(f"loading {model} ({quant})")
    started = time.perf_counter()
    engine = Engine.load(model, quant=quant, threads=threads, cache_dir=cache_dir,
                         max_seq_len=prompt_tokens + decode_tokens + 64, progress=say)
    load_seconds = time.perf_counter() - started
    prompt = code_corpus_ids(engine.tokenizer, prompt_tokens)
    short_prompt = prompt[:100]
    say("warming up")
    measure_engine(engine, prompt[:64], 4, False)
    runs = []
    for repeat in range(repeats):
        say(f"prefill {prompt_tokens} tokens + decode {decode_tokens} tokens (run {repeat + 1}/{repeats})")
        runs.append(measure_engine(engine, prompt, decode_tokens, profile and repeat == 0))
    first_token = statistics.median(first_token_latency(engine, short_prompt) for _ in range(max(1, repeats)))
    report: dict = {
        "model": model,
        "quant": quant,
        "threads": threads,
        "kernel_backend": _kernel_backend(),
        "prompt_tokens": prompt_tokens,
        "decode_tokens": decode_tokens,
        "prefill_tok_s": round(statistics.median(run["prefill_tok_s"] for run in runs), 2),
        "decode_tok_s": round(statistics.median(run["decode_tok_s"] for run in runs), 2),
        "first_token_s_100": round(first_token, 3),
        "load_seconds": round(load_seconds, 2),
        **memory_mb(),
    }
    for key in ("profile_prefill_ms", "profile_decode_ms_per_token"):
        if key in runs[0]:
            report[key] = runs[0][key]
    say("numpy fp32 baseline (one block, scaled)")
    set_blas_threads(threads)  # the baseline gets all threads for its BLAS
    report["numpy_fp32"] = {k: (round(v, 2) if isinstance(v, float) else v) for k, v in numpy_fp32_baseline(engine, prompt_tokens).items()}
    if with_kernels and _kernel_backend() != "none":
        say("kernel shapes")
        report["kernels"] = kernel_timings(threads)
    set_blas_threads(1 if quant != "fp32" else threads)
    if with_llama_cpp:
        say("llama.cpp baseline")
        llama = llama_cpp_baseline(engine.source.path, prompt, short_prompt, decode_tokens, threads)
        if llama is None:
            report["llama_cpp"] = None
        else:
            report["llama_cpp"] = {k: (round(v, 3) if isinstance(v, float) else v) for k, v in llama.items()}
            report["prefill_vs_llama_cpp"] = round(report["prefill_tok_s"] / llama["prefill_tok_s"], 2)
            report["decode_vs_llama_cpp"] = round(report["decode_tok_s"] / llama["decode_tok_s"], 2)
    report["prefill_vs_numpy_fp32"] = round(report["prefill_tok_s"] / report["numpy_fp32"]["prefill_tok_s"], 2)
    report["decode_vs_numpy_fp32"] = round(report["decode_tok_s"] / report["numpy_fp32"]["decode_tok_s"], 2)
    return report


def _kernel_backend() -> str:
    try:
        from interns.local_model import kernels

        return kernels.backend()
    except ImportError:
        return "none"


def print_report(report: dict, console) -> None:
    from rich.table import Table

    table = Table(title=f"{report['model']} ({report['quant']}, {report['threads']} threads, kernels: {report['kernel_backend']})")
    table.add_column("measure")
    table.add_column("ours", justify="right")
    table.add_column("numpy fp32", justify="right")
    table.add_column("llama.cpp", justify="right")
    llama = report.get("llama_cpp") or {}
    fp32 = report["numpy_fp32"]

    def cell(value, digits=1):
        return "-" if value is None else f"{value:.{digits}f}"

    table.add_row(f"prompt tok/s ({report['prompt_tokens']} tokens)", cell(report["prefill_tok_s"]), cell(fp32["prefill_tok_s"]), cell(llama.get("prefill_tok_s")))
    table.add_row(f"decode tok/s ({report['decode_tokens']} tokens)", cell(report["decode_tok_s"]), cell(fp32["decode_tok_s"]), cell(llama.get("decode_tok_s")))
    table.add_row("first token, 100-token prompt (s)", cell(report["first_token_s_100"], 2), "-", cell(llama.get("first_token_s_100"), 2))
    table.add_row("resident memory (MB)", cell(report["rss_mb"], 0), "-", "-")
    table.add_row("load (s)", cell(report["load_seconds"], 2), "-", "-")
    console.print(table)
    if report.get("kernels"):
        kernel_table = Table(title="GEMV, one activation vector")
        for column in ("shape", "int4 µs", "numpy fp32 µs", "int4 GB/s", "speed-up"):
            kernel_table.add_column(column, justify="right")
        for row in report["kernels"]:
            kernel_table.add_row(row["shape"], f"{row['int4_us']:.0f}", f"{row['numpy_fp32_us']:.0f}", f"{row['int4_gb_s']:.1f}", f"{row['speedup_vs_fp32']:.2f}x")
        console.print(kernel_table)
    for key in ("profile_decode_ms_per_token", "profile_prefill_ms"):
        if key in report:
            console.print(f"{key}: " + ", ".join(f"{name} {value}" for name, value in report[key].items()))
    if llama:
        console.print(f"vs llama.cpp: prompt {report['prefill_vs_llama_cpp']}x, decode {report['decode_vs_llama_cpp']}x")
    elif report.get("llama_cpp") is None:
        console.print("llama.cpp: not installed (pip install llama-cpp-python to compare)", style="dim")
