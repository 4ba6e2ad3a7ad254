"""Benchmark of the int4/int8 matrix kernels against numpy fp32 (OpenBLAS), measured in the same run.

    python bench/bench_kernels.py                  # rich tables
    python bench/bench_kernels.py --json           # one JSON object on stdout
    python bench/bench_kernels.py --quick          # fewer repeats

GEMV (decode): microseconds per product on cold-ish weights (the script rotates through enough copies of
each matrix to overflow the 8 MiB L3), effective GB/s of weight bytes, with 1 and 2 threads.
GEMM (prompt / batches): throughput for M = 1, 4, 8, 16, 64 activation rows.
SIMD builds: the AVX-512 VNNI and AVX-VNNI modules against the plain AVX2 one on the same products.
Decode attention: the fused kernel (attention.h) against the numpy formulation, per layer.
Estimates: the linear layers of Qwen2.5-0.5B (24 layers, q/k/v and gate/up fused) in tokens/s.
The ggml column repeats the figures of ../shared/ANCHORS.md (llama.cpp on this kind of machine, idle);
they are NOT measured here: only the numpy ratios are same-run comparisons. The machine is shared: run
it twice and compare ratios, not absolute numbers.
"""

from __future__ import annotations

import argparse
import ctypes
import glob
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

from interns.local_model import kernels as K

GEMV_SHAPES = [(896, 896), (4864, 896), (896, 4864), (4096, 4096)]  # (rows, K)
GEMM_SHAPES = [(896, 896), (4864, 896), (896, 4864)]
GEMM_M = [1, 4, 8, 16, 64]
COLD_BYTES = 48 << 20  # rotate through copies until this many bytes: well past the 8 MiB L3
# ANCHORS.md, llama.cpp GEMV on cold weights with 2 threads, microseconds (not measured by this script)
GGML_ANCHORS = {
    (4096, 4096): {"ggml_q4_0": 1130, "ggml_q4_k": 835, "ggml_q8_0": 1260},
    (4864, 896): {"ggml_q4_0": 339, "ggml_q8_0": 345},
    (896, 4864): {"ggml_q4_0": 295, "ggml_q4_k": 210, "ggml_q8_0": 329},
}
# Qwen2.5-0.5B per layer (rows, K), with the matrices that share an input fused: qkv, o, gate+up, down
QWEN_05B_LAYER = [(896 + 2 * 128, 896), (896, 896), (2 * 4864, 896), (896, 4864)]
QWEN_05B_LAYERS = 24
QWEN_05B_OUTPUT = (151936, 896)


def _openblas_threads() -> Callable[[int], None]:
    """Setter for numpy's OpenBLAS thread count (no threadpoolctl needed); a no-op if not found."""
    libs = glob.glob(str(Path(np.__file__).parent.parent / "numpy.libs" / "*openblas*"))
    for path in libs:
        lib = ctypes.CDLL(path)
        for name in ("scipy_openblas_set_num_threads64_", "openblas_set_num_threads64_", "openblas_set_num_threads"):
            if hasattr(lib, name):
                return getattr(lib, name)
    return lambda n: None


def _time(fn: Callable[[int], object], repeat: int, warmup: int = 3) -> dict[str, float]:
    """Median and best wall time in microseconds, and the median CPU time of the calling thread (with
    one thread that is the whole product, and it barely moves when other processes load the machine);
    fn gets the iteration number (to rotate copies)."""
    for i in range(warmup):
        fn(i)
    samples, cpu = [], []
    for i in range(repeat):
        start, start_cpu = time.perf_counter(), time.thread_time()
        fn(i)
        samples.append((time.perf_counter() - start) * 1e6)
        cpu.append((time.thread_time() - start_cpu) * 1e6)
    return {"median_us": statistics.median(samples), "best_us": min(samples), "cpu_us": statistics.median(cpu)}


def _copies(nbytes: int) -> int:
    return max(1, min(64, -(-COLD_BYTES // max(1, nbytes))))


def bench_gemv(threads: list[int], repeat: int, set_blas: Callable[[int], None]) -> list[dict]:
    rng = np.random.default_rng(0)
    results = []
    for rows, cols in GEMV_SHAPES:
        w = (rng.standard_normal((rows, cols)) * 0.02).astype(np.float32)
        w4 = K.quantize_int4(w, steps=1)
        w8 = K.quantize_int8(w)
        x = rng.standard_normal(cols).astype(np.float32)
        y = np.empty(rows, dtype=np.float32)
        int4s = [K.Int4Matrix(w4.blocks.copy(), rows, cols) for _ in range(_copies(w4.nbytes))]
        int8s = [K.Int8Matrix(w8.blocks.copy(), rows, cols) for _ in range(_copies(w8.nbytes))]
        fp32s = [w.copy() for _ in range(_copies(w.nbytes))]
        for n in threads:
            K.set_num_threads(n)
            set_blas(n)
            t4 = _time(lambda i: int4s[i % len(int4s)].matmul(x, out=y), repeat)
            t8 = _time(lambda i: int8s[i % len(int8s)].matmul(x, out=y), repeat)
            tn = _time(lambda i: np.dot(fp32s[i % len(fp32s)], x, out=y), repeat)
            row = {
                "shape": f"{rows}x{cols}",
                "threads": n,
                "int4_us": t4["median_us"],
                "int4_best_us": t4["best_us"],
                "int4_thread_cpu_us": t4["cpu_us"],
                "numpy_thread_cpu_us": tn["cpu_us"],
                "int8_us": t8["median_us"],
                "numpy_fp32_us": tn["median_us"],
                "int4_GBps": w4.nbytes / t4["median_us"] / 1e3,
                "int8_GBps": w8.nbytes / t8["median_us"] / 1e3,
                "numpy_GBps": w.nbytes / tn["median_us"] / 1e3,
                "speedup_int4_vs_numpy": tn["median_us"] / t4["median_us"],
            }
            if n == 2:
                for name, us in GGML_ANCHORS.get((rows, cols), {}).items():
                    row[f"anchor_{name}_us"] = us
                    row[f"speedup_int4_vs_anchor_{name}"] = us / t4["median_us"]
            results.append(row)
    return results


def bench_gemm(threads: int, repeat: int, set_blas: Callable[[int], None]) -> list[dict]:
    rng = np.random.default_rng(1)
    K.set_num_threads(threads)
    set_blas(threads)
    results = []
    for rows, cols in GEMM_SHAPES:
        w = (rng.standard_normal((rows, cols)) * 0.02).astype(np.float32)
        w4 = K.quantize_int4(w, steps=1)
        base = None
        for m in GEMM_M:
            x = rng.standard_normal((m, cols)).astype(np.float32)
            out = np.empty((m, rows), dtype=np.float32)
            reps = max(3, repeat // max(1, m // 4))
            t4 = _time(lambda i: w4.matmul(x, out=out), reps)["median_us"]
            tn = _time(lambda i: np.matmul(x, w.T, out=out), reps)["median_us"]
            per_col = t4 / m
            base = base or per_col
            results.append({
                "shape": f"{rows}x{cols}",
                "M": m,
                "threads": threads,
                "int4_us": t4,
                "int4_us_per_row": per_col,
                "int4_GMACs": rows * cols * m / t4 / 1e3,
                "numpy_fp32_us": tn,
                "numpy_GMACs": rows * cols * m / tn / 1e3,
                "speedup_int4_vs_numpy": tn / t4,
                "per_row_speedup_vs_M1": base / per_col,
            })
    return results


def bench_backends(threads: int, repeat: int) -> list[dict]:
    """The SIMD builds side by side (AVX-512 VNNI, AVX-VNNI, plain AVX2: those this CPU runs): same weights,
    same activations, same run; the results are bit-identical, only the time differs."""
    simd = [name for name in K.available_backends() if name != "scalar"]
    if len(simd) < 2:
        return []
    rng = np.random.default_rng(2)
    results = []
    for kind, rows, cols in (("int4", 9728, 896), ("int8", 896, 4864)):
        w = (rng.standard_normal((rows, cols)) * 0.02).astype(np.float32)
        matrix = K.quantize_int4(w, steps=1) if kind == "int4" else K.quantize_int8(w)
        for m in (1, 8, 64):
            x = rng.standard_normal((m, cols)).astype(np.float32)
            out = np.empty((m, rows), dtype=np.float32)
            reps = max(3, repeat // max(1, m // 4))
            row = {"kind": kind, "shape": f"{rows}x{cols}", "M": m, "threads": threads}
            for name in simd:
                module = K.kernel_module(name)
                row[f"{name}_us"] = _time(lambda i: module.matmul(matrix.blocks, matrix.rows, x, out, threads), reps)["median_us"]
            for name in simd:
                row[f"{name}_vs_avx2"] = row["avx2_us"] / row[f"{name}_us"] if "avx2" in simd else None
            results.append(row)
    return results


def _random_int8(rng: np.random.Generator, rows: int, cols: int) -> K.Int8Matrix:
    """A valid Int8Matrix of random codes, built directly (quantising 136M floats would take a while)."""
    tiles, groups = -(-rows // K.TILE), -(-cols // K.GROUP)
    blocks = rng.integers(0, 128, size=(tiles, groups, 288), dtype=np.uint8)
    blocks[:, :, 256:272] = np.full(8, 0.0005, np.float16).view(np.uint8)
    blocks[:, :, 272:288] = np.full(8, -0.03, np.float16).view(np.uint8)
    return K.Int8Matrix(blocks, rows, cols)


def estimate_model(threads: int, repeat: int) -> dict:
    """Time the linear layers of one Qwen2.5-0.5B layer at M=1 and M=64; scale to the whole model."""
    rng = np.random.default_rng(2)
    K.set_num_threads(threads)
    layer = [K.quantize_int4((rng.standard_normal(s) * 0.02).astype(np.float32), steps=1) for s in QWEN_05B_LAYER]
    # decode streams every weight once per token: 24 distinct copies keep the caches honest
    layers = [[K.Int4Matrix(m.blocks.copy(), m.rows, m.cols) for m in layer] for _ in range(QWEN_05B_LAYERS)]
    output = _random_int8(rng, *QWEN_05B_OUTPUT)
    x1 = {c: rng.standard_normal(c).astype(np.float32) for c in (896, 4864)}
    x64 = {c: rng.standard_normal((64, c)).astype(np.float32) for c in (896, 4864)}

    def decode_token(_: int) -> None:
        for mats in layers:
            for mat in mats:
                mat.matmul(x1[mat.cols])
        output.matmul(x1[896])

    def prompt_layer(_: int) -> None:
        for mat in layer:
            mat.matmul(x64[mat.cols])

    decode_ms = _time(decode_token, max(3, repeat // 10), warmup=1)["median_us"] / 1e3
    layer_ms = _time(prompt_layer, max(3, repeat // 10), warmup=1)["median_us"] / 1e3
    prompt_ms_per_token = layer_ms * QWEN_05B_LAYERS / 64
    return {
        "threads": threads,
        "decode_linear_ms_per_token": decode_ms,
        "decode_linear_tok_s_upper_bound": 1e3 / decode_ms,
        "prompt_linear_ms_per_token": prompt_ms_per_token,
        "prompt_linear_tok_s_upper_bound": 1e3 / prompt_ms_per_token,
        "llama_cpp_anchor_decode_tok_s": 19.4,
        "llama_cpp_anchor_prompt_tok_s": 40.9,
    }


def _numpy_decode_attention(q: np.ndarray, keys: np.ndarray, values: np.ndarray, slot: int, length: int, scale: float) -> np.ndarray:
    """The numpy formulation the engine used before attention.h (one sequence at a time)."""
    kv_heads, head_dim = keys.shape[1], keys.shape[3]
    k, v = keys[slot, :, :length], values[slot, :, :length]
    grouped = q.reshape(kv_heads, -1, head_dim) * np.float32(scale)
    scores = np.matmul(grouped, k.transpose(0, 2, 1))
    scores -= scores.max(axis=-1, keepdims=True)
    np.exp(scores, out=scores)
    totals = scores.sum(axis=-1, keepdims=True)
    out = np.matmul(scores, v)
    out /= totals
    return out.reshape(1, -1)


def bench_attention(threads: int, repeat: int, set_blas: Callable[[int], None]) -> list[dict]:
    """One decode step's attention for one layer of Qwen2.5-0.5B (14 query / 2 KV heads of 64) at several
    context lengths and batch sizes: the fused kernel against numpy, one sequence after another."""
    rng = np.random.default_rng(2)
    K.set_num_threads(threads)
    set_blas(threads)
    heads, kv_heads, head_dim, max_len, batch_max = 14, 2, 64, 2048, 8
    keys = rng.standard_normal((batch_max, kv_heads, max_len, head_dim)).astype(np.float32)
    values = rng.standard_normal((batch_max, kv_heads, max_len, head_dim)).astype(np.float32)
    results = []
    for length in (128, 1024, 2048):
        for batch in (1, 8):
            q = rng.standard_normal((batch, heads, head_dim)).astype(np.float32)
            slots, lengths = np.arange(batch), np.full(batch, length)
            fused = _time(lambda i: K.causal_attention(q, keys, values, slots, lengths, 0.125), repeat)["median_us"]
            plain = _time(lambda i: [_numpy_decode_attention(q[b], keys, values, b, length, 0.125) for b in range(batch)], repeat)["median_us"]
            results.append({"context": length, "batch": batch, "threads": threads, "kernel_us": fused, "numpy_us": plain, "speedup_vs_numpy": plain / fused})
    return results


def _table(title: str, rows: list[dict], columns: list[tuple[str, str, str]]) -> Table:
    table = Table(title=title, title_justify="left")
    for header, _, _ in columns:
        table.add_column(header, justify="right")
    for row in rows:
        table.add_row(*[(fmt.format(row[key]) if key in row else "—") for _, key, fmt in columns])
    return table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    parser.add_argument("--quick", action="store_true", help="fewer repeats (noisier)")
    parser.add_argument("--threads", default="1,2", help="comma-separated thread counts for GEMV (default 1,2)")
    parser.add_argument("--no-estimate", action="store_true", help="skip the whole-model estimate")
    args = parser.parse_args(argv)
    repeat = 20 if args.quick else 100
    threads = [int(t) for t in args.threads.split(",") if t.strip()]
    set_blas = _openblas_threads()
    gemm_threads = max(threads)
    report = {
        "backend": K.backend(),
        "cpu": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "layout_version": K.LAYOUT_VERSION,
        "note": "anchor_* figures come from ANCHORS.md (llama.cpp, idle machine), not from this run",
        "gemv": bench_gemv(threads, repeat, set_blas),
        "gemm": bench_gemm(gemm_threads, max(5, repeat // 5), set_blas),
        "attention": bench_attention(gemm_threads, max(10, repeat // 4), set_blas),
        "backends": bench_backends(gemm_threads, max(5, repeat // 5)),
    }
    if not args.no_estimate:
        report["model_estimate"] = estimate_model(gemm_threads, repeat)
    try:
        import llama_cpp  # noqa: F401  (optional: only reported, never required)

        report["llama_cpp"] = getattr(llama_cpp, "__version__", "present")
    except ImportError:
        report["llama_cpp"] = None
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    console = Console(width=max(150, Console().width))
    console.print(f"backend [bold]{report['backend']}[/], {report['cpus']} CPUs, layout v{report['layout_version']}")
    console.print(_table("GEMV, cold weights (median µs; ratio = numpy time / int4 time)", report["gemv"], [
        ("shape", "shape", "{}"), ("thr", "threads", "{}"),
        ("int4 µs", "int4_us", "{:.0f}"), ("int4 best", "int4_best_us", "{:.0f}"), ("int4 GB/s", "int4_GBps", "{:.1f}"),
        ("int4 cpu†", "int4_thread_cpu_us", "{:.0f}"),
        ("int8 µs", "int8_us", "{:.0f}"), ("numpy µs", "numpy_fp32_us", "{:.0f}"),
        ("numpy cpu†", "numpy_thread_cpu_us", "{:.0f}"),
        ("vs numpy", "speedup_int4_vs_numpy", "{:.2f}x"),
        ("ggml Q4_K µs*", "anchor_ggml_q4_k_us", "{:.0f}"), ("vs Q4_K*", "speedup_int4_vs_anchor_ggml_q4_k", "{:.2f}x"),
        ("ggml Q4_0 µs*", "anchor_ggml_q4_0_us", "{:.0f}"), ("vs Q4_0*", "speedup_int4_vs_anchor_ggml_q4_0", "{:.2f}x"),
    ]))
    console.print("* ggml figures are the ANCHORS.md numbers (2 threads, idle machine), not measured in this run")
    console.print("† CPU time of the calling thread: the whole cost when thr = 1, robust to a busy machine")
    console.print(_table(f"GEMM, int4, {gemm_threads} threads (median)", report["gemm"], [
        ("shape", "shape", "{}"), ("M", "M", "{}"), ("int4 µs", "int4_us", "{:.0f}"),
        ("µs/row", "int4_us_per_row", "{:.1f}"), ("GMAC/s", "int4_GMACs", "{:.1f}"),
        ("numpy µs", "numpy_fp32_us", "{:.0f}"), ("numpy GMAC/s", "numpy_GMACs", "{:.1f}"),
        ("vs numpy", "speedup_int4_vs_numpy", "{:.2f}x"), ("per-row vs M=1", "per_row_speedup_vs_M1", "{:.2f}x"),
    ]))
    if report["backends"]:
        simd = [key[: -len("_vs_avx2")] for key in report["backends"][0] if key.endswith("_vs_avx2")]
        columns = [("kind", "kind", "{}"), ("shape", "shape", "{}"), ("M", "M", "{}")]
        columns += [(f"{name} µs", f"{name}_us", "{:.0f}") for name in simd]
        columns += [(f"{name} vs avx2", f"{name}_vs_avx2", "{:.2f}x") for name in simd if name != "avx2"]
        console.print(_table(f"SIMD builds, {gemm_threads} threads (median µs)", report["backends"], columns))
    console.print(_table(f"Decode attention, one layer of Qwen2.5-0.5B, {gemm_threads} threads (median µs)", report["attention"], [
        ("context", "context", "{}"), ("batch", "batch", "{}"), ("kernel µs", "kernel_us", "{:.0f}"),
        ("numpy µs", "numpy_us", "{:.0f}"), ("vs numpy", "speedup_vs_numpy", "{:.2f}x"),
    ]))
    if "model_estimate" in report:
        est = report["model_estimate"]
        console.print(
            f"Qwen2.5-0.5B linear layers only ({est['threads']} threads): decode {est['decode_linear_ms_per_token']:.1f} ms/token "
            f"(<= {est['decode_linear_tok_s_upper_bound']:.0f} tok/s; llama.cpp whole model 19.4), prompt "
            f"{est['prompt_linear_ms_per_token']:.1f} ms/token at M=64 (<= {est['prompt_linear_tok_s_upper_bound']:.0f} tok/s; "
            "llama.cpp 40.9)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
