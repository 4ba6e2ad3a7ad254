"""The int4/int8 matrix kernels against numpy references built from the same quantised numbers.

Reference: dequantize() (the exact weights the kernel uses) times QuantizedActivations(x).dequantize()
(the exact int8 activations it uses), in float64. The kernel sums exact integer dot products per group
and scales them in float32, so the only difference is float32 rounding: bounded by a small multiple of
float32 epsilon times sum(|w| |x|).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

from interns.local_model import kernels as K

BACKENDS = K.available_backends()

_PORTABLE_CHECK = (
    "import json, sys, numpy as np\n"
    "from interns.local_model import kernels as K\n"
    "rng = np.random.default_rng(0)\n"
    "m = K.quantize_int4(rng.standard_normal((19, 200)).astype(np.float32), steps=1)\n"
    "x = rng.standard_normal((2, 200)).astype(np.float32)\n"
    "xd = K.QuantizedActivations(x).dequantize().astype(np.float64)\n"
    "err = float(np.abs(m.matmul(x) - xd @ m.dequantize().astype(np.float64).T).max())\n"
    "print(json.dumps({'backend': K.backend(), 'err': err,\n"
    "                  'avx2_loaded': 'interns.local_model.kernels._avx2' in sys.modules,\n"
    "                  'vnni_loaded': any(f'interns.local_model.kernels.{name}' in sys.modules for name in ('_avxvnni', '_avx512vnni'))}))\n"
)


def reference(matrix: K.Int4Matrix | K.Int8Matrix, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(W x in float64 on the kernel's own quantised numbers, a float32-rounding error bound)."""
    xd = K.QuantizedActivations(x).dequantize().astype(np.float64)
    wd = matrix.dequantize().astype(np.float64)
    return xd @ wd.T, 2e-5 * (np.abs(xd) @ np.abs(wd).T) + 1e-6


def run(backend: str, matrix: K.Int4Matrix | K.Int8Matrix, x: np.ndarray, threads: int = 2) -> np.ndarray:
    out = np.empty((x.shape[0], matrix.rows), dtype=np.float32)
    K.kernel_module(backend).matmul(matrix.blocks, matrix.rows, x, out, threads)
    return out


@pytest.fixture(scope="module")
def rng() -> np.random.Generator:
    return np.random.default_rng(1234)


# ----------------------------------------------------------------------------------------- quantisers


def test_int4_quantiser_error_on_gaussian_weights(rng: np.random.Generator) -> None:
    w = rng.standard_normal((256, 896)).astype(np.float32)
    searched = K.quantize_int4(w).dequantize()
    plain = K.quantize_int4(w, steps=1).dequantize()
    rel = lambda a: float(np.sqrt(np.mean((a - w) ** 2) / np.mean(w**2)))  # noqa: E731
    # 16 levels over a group's range (~4 sigma for 32 Gaussian samples): step/sqrt(12) ~ 0.077 sigma
    assert rel(searched) < 0.072
    assert rel(searched) < 0.97 * rel(plain)  # the scale search must pay for itself
    assert searched.dtype == np.float32 and searched.shape == w.shape


def test_compiled_scale_search_matches_the_numpy_reference(rng: np.random.Generator) -> None:
    from interns.local_model.kernels.quantize import _fit_int4, _fit_int4_fast, int4_codes

    x = rng.standard_t(4, (3000, 32)).astype(np.float32)
    ones = np.ones((1, 32), dtype=np.float32)

    def rms(d: np.ndarray, m: np.ndarray) -> float:
        q = int4_codes(x, d, m)
        return float(np.sqrt(np.mean((q * d[:, None] + m[:, None] - x) ** 2)))

    for steps in (1, 11):
        reference_err = rms(*_fit_int4(x, ones, steps))
        assert abs(rms(*_fit_int4_fast(x, ones, steps)) - reference_err) < 1e-3 * reference_err


def test_int4_importance_lowers_error_where_it_is_asked_for(rng: np.random.Generator) -> None:
    w = rng.standard_normal((64, 128)).astype(np.float32)
    importance = np.ones(128, dtype=np.float32)
    importance[::32] = 100.0  # one column per group matters a lot
    plain = K.quantize_int4(w).dequantize()
    weighted = K.quantize_int4(w, importance=importance).dequantize()
    err = lambda a: float(np.mean((a - w)[:, ::32] ** 2))  # noqa: E731
    assert err(weighted) < 0.5 * err(plain)


def test_int8_quantiser_error_and_range(rng: np.random.Generator) -> None:
    w = rng.standard_normal((40, 300)).astype(np.float32)
    wd = K.quantize_int8(w).dequantize()
    assert np.sqrt(np.mean((wd - w) ** 2) / np.mean(w**2)) < 0.011  # step range/127: ~0.9% (int4: ~7%)
    # each row's extremes are representable up to fp16 rounding of scale and min
    assert np.allclose(wd.max(axis=1), w.max(axis=1), rtol=3e-3, atol=3e-3)
    assert np.allclose(wd.min(axis=1), w.min(axis=1), rtol=3e-3, atol=3e-3)


def test_int4_constant_and_padded_groups(rng: np.random.Generator) -> None:
    w = np.full((9, 45), 0.25, dtype=np.float32)  # constant groups: span 0
    w[3] = rng.standard_normal(45)
    wd = K.quantize_int4(w).dequantize()
    assert wd.shape == (9, 45)
    assert np.allclose(wd[0], 0.25, atol=1e-3)
    assert np.sqrt(np.mean((wd[3] - w[3]) ** 2)) < 0.12


def test_quantiser_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="2-D"):
        K.quantize_int4(np.zeros(10, dtype=np.float32))
    with pytest.raises(ValueError, match="NaN"):
        K.quantize_int8(np.full((8, 32), np.nan, dtype=np.float32))
    with pytest.raises(ValueError, match="fp16"):
        K.quantize_int4(np.full((8, 32), 1e5, dtype=np.float32))


# ----------------------------------------------------------------------------------------- activations


@pytest.mark.parametrize("backend", BACKENDS)
def test_activation_quantisation_matches_numpy(backend: str, rng: np.random.Generator) -> None:
    x = (rng.standard_normal((5, 83)) * rng.uniform(0.01, 50, size=(5, 1))).astype(np.float32)
    x[2, 32:64] = 0.0  # an all-zero group
    groups = 3
    xq = np.empty((5, groups * 32), np.int8)
    dx = np.empty((5, groups), np.float32)
    xs = np.empty((5, groups), np.float32)
    K.kernel_module(backend).quantize_activations(x, xq, dx, xs, 2)
    padded = np.zeros((5, groups * 32), np.float32)
    padded[:, :83] = x
    g = padded.reshape(5, groups, 32)
    amax = np.abs(g).max(axis=2)
    inv = np.where(amax > 0, np.float32(127) / np.where(amax > 0, amax, 1), 0).astype(np.float32)
    expect_q = np.rint(g * inv[:, :, None]).astype(np.int8)
    assert np.array_equal(xq.reshape(5, groups, 32), expect_q)
    assert np.allclose(dx, amax / 127, rtol=1e-6)
    assert np.allclose(xs, dx * expect_q.sum(axis=2), rtol=1e-6)


# ----------------------------------------------------------------------------------------- products

SHAPES = [  # (rows, K): rows not a multiple of 8, K not a multiple of 32 / 256, the model's K values
    (13, 70),
    (203, 896),
    (37, 4864),
    (8, 32),
    (1, 896),
]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("rows,cols", SHAPES)
@pytest.mark.parametrize("m", [1, 3, 8, 17])
def test_int4_product_matches_reference(backend: str, rows: int, cols: int, m: int, rng: np.random.Generator) -> None:
    w = (rng.standard_normal((rows, cols)) * 0.05).astype(np.float32)
    matrix = K.quantize_int4(w, steps=3)
    x = rng.standard_normal((m, cols)).astype(np.float32)
    x[:, cols // 2] *= 40.0  # an outlier channel, like real activations
    expected, bound = reference(matrix, x)
    got = run(backend, matrix, x)
    assert got.shape == (m, rows)
    assert np.all(np.abs(got - expected) <= bound), np.abs(got - expected).max()


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("rows,cols", SHAPES)
@pytest.mark.parametrize("m", [1, 5])
def test_int8_product_matches_reference(backend: str, rows: int, cols: int, m: int, rng: np.random.Generator) -> None:
    w = rng.standard_normal((rows, cols)).astype(np.float32)
    matrix = K.quantize_int8(w)
    x = rng.standard_normal((m, cols)).astype(np.float32)
    expected, bound = reference(matrix, x)
    got = run(backend, matrix, x)
    assert np.all(np.abs(got - expected) <= bound), np.abs(got - expected).max()


@pytest.mark.parametrize("backend", BACKENDS)
def test_extreme_codes_do_not_overflow_int16(backend: str) -> None:
    # every code 15 and every activation +-127: the int16 partial sums reach 8 * 2 * 15 * 127 = 30480
    w = np.ones((16, 64), dtype=np.float32)
    w[:, [0, 32]] = 0.0  # group min 0 (one zero per group), max 1 -> codes 15 except the first
    matrix = K.quantize_int4(w, steps=1)
    for sign in (1.0, -1.0):
        x = np.full((2, 64), sign, dtype=np.float32)
        expected, bound = reference(matrix, x)
        got = run(backend, matrix, x)
        assert np.all(np.abs(got - expected) <= bound)
        assert np.allclose(got, sign * 62.0, rtol=1e-3)


@pytest.mark.parametrize("backend", BACKENDS)
def test_long_prompt_spans_several_column_blocks(backend: str, rng: np.random.Generator) -> None:
    matrix = K.quantize_int4(rng.standard_normal((24, 96)).astype(np.float32), steps=1)
    x = rng.standard_normal((150, 96)).astype(np.float32)  # 64 + 64 + 22 columns
    expected, bound = reference(matrix, x)
    assert np.all(np.abs(run(backend, matrix, x) - expected) <= bound)


@pytest.mark.parametrize("backend", BACKENDS)
def test_thread_counts_give_identical_results(backend: str, rng: np.random.Generator) -> None:
    matrix = K.quantize_int4(rng.standard_normal((100, 256)).astype(np.float32), steps=1)
    x = rng.standard_normal((6, 256)).astype(np.float32)
    assert np.array_equal(run(backend, matrix, x, threads=1), run(backend, matrix, x, threads=2))


def test_concurrent_callers_get_correct_results(rng: np.random.Generator) -> None:
    # the thread pool runs one job at a time; a second caller (a server thread) must still be right
    from concurrent.futures import ThreadPoolExecutor

    matrix = K.quantize_int4(rng.standard_normal((300, 896)).astype(np.float32), steps=1)
    inputs = [rng.standard_normal((m, 896)).astype(np.float32) for m in (1, 2, 5, 9) * 4]
    expected = [matrix.matmul(x) for x in inputs]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(matrix.matmul, inputs))
    assert all(np.array_equal(a, b) for a, b in zip(got, expected))


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork()")
def test_kernels_work_in_a_forked_child(rng: np.random.Generator) -> None:
    # the pool's worker threads do not survive fork(): the child must start its own, not hang
    matrix = K.quantize_int4(rng.standard_normal((64, 256)).astype(np.float32), steps=1)
    x = rng.standard_normal((3, 256)).astype(np.float32)
    expected = matrix.matmul(x)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        try:
            ok = np.array_equal(matrix.matmul(x), expected)
            os.write(write_end, b"ok" if ok else b"bad")
        finally:
            os._exit(0)
    os.close(write_end)
    _, status = os.waitpid(pid, 0)
    assert os.read(read_end, 8) == b"ok" and status == 0


def test_backends_agree(rng: np.random.Generator) -> None:
    if len(BACKENDS) < 2:
        pytest.skip("only the portable backend runs on this CPU")
    matrix = K.quantize_int4(rng.standard_normal((64, 896)).astype(np.float32), steps=1)
    x = rng.standard_normal((9, 896)).astype(np.float32)
    a, b = run("avx2", matrix, x), run("scalar", matrix, x)
    assert np.allclose(a, b, rtol=1e-5, atol=1e-4)


@pytest.mark.parametrize("columns", [1, 2, 3, 4, 5, 8, 9, 70])
@pytest.mark.parametrize("rows", [83, 96, 8])  # an odd number of tiles with a partial last one, an even number, one tile
def test_vnni_builds_give_the_avx2_modules_exact_results(rng: np.random.Generator, columns: int, rows: int) -> None:
    """Same source, vpdpbusd (ymm, and zmm tile pairs in the AVX-512 build) instead of maddubs/madd: the
    integer sums are exact either way, so every path (decode pairs, 1/2/4-column tiles, tile pairs, column
    blocks, int8) must agree bit for bit."""
    builds = [name for name in BACKENDS if name in ("avxvnni", "avx512vnni")]
    if not builds:
        pytest.skip("this CPU has no AVX-VNNI or AVX-512 VNNI")
    weights = rng.standard_normal((rows, 900)).astype(np.float32)  # K not a multiple of 32
    x = (rng.standard_normal((columns, 900)) * 3).astype(np.float32)
    for matrix in (K.quantize_int4(weights, steps=1), K.quantize_int8(weights)):
        expected = run("avx2", matrix, x)
        for name in builds:
            np.testing.assert_array_equal(run(name, matrix, x), expected, err_msg=name)


# ----------------------------------------------------------------------------------------- public API


def test_matmul_api_shapes_out_and_shared_activations(rng: np.random.Generator) -> None:
    w = rng.standard_normal((50, 96)).astype(np.float32)
    matrix = K.quantize_int4(w, steps=1)
    x1 = rng.standard_normal(96).astype(np.float32)
    x2 = rng.standard_normal((4, 96)).astype(np.float32)
    y1 = matrix.matmul(x1)
    assert y1.shape == (50,) and y1.dtype == np.float32
    assert np.array_equal(y1, (matrix @ x1))
    y2 = matrix.matmul(x2)
    assert y2.shape == (4, 50)
    assert np.array_equal(matrix.matmul(K.QuantizedActivations(x2)), y2)
    out = np.empty((4, 50), dtype=np.float32)
    assert matrix.matmul(x2, out=out) is out and np.array_equal(out, y2)
    assert np.array_equal(matrix.matmul(x2.astype(np.float64)), y2)  # converted, same numbers
    strided = np.repeat(x1, 2)[::2]  # non-contiguous view of the same values
    assert np.array_equal(matrix.matmul(strided), y1)
    out1 = np.empty(50, dtype=np.float32)
    assert matrix.matmul(x1, out=out1) is out1 and np.array_equal(out1, y1)
    assert matrix.matmul(np.zeros((0, 96), np.float32)).shape == (0, 50)
    assert matrix.shape == (50, 96) and matrix.nbytes == 7 * 3 * 160
    assert K.quantize_int8(w).nbytes == 7 * 3 * 288


def test_matmul_rejects_wrong_shapes() -> None:
    matrix = K.quantize_int4(np.ones((8, 64), dtype=np.float32))
    with pytest.raises(ValueError, match="K = 64"):
        matrix.matmul(np.ones(65, dtype=np.float32))
    with pytest.raises(ValueError, match="out must be"):
        matrix.matmul(np.ones(64, dtype=np.float32), out=np.empty(7, dtype=np.float32))
    with pytest.raises(ValueError, match="K = 64"):
        matrix.matmul(K.QuantizedActivations(np.ones(32, dtype=np.float32)))


def test_arrays_round_trip_through_read_only_memmap(tmp_path, rng: np.random.Generator) -> None:
    w4 = K.quantize_int4(rng.standard_normal((21, 896)).astype(np.float32), steps=1)
    w8 = K.quantize_int8(rng.standard_normal((21, 896)).astype(np.float32))
    arrays = {f"a.{k}": v for k, v in w4.to_arrays().items()} | {f"b.{k}": v for k, v in w8.to_arrays().items()}
    np.savez(tmp_path / "m.npz", **arrays)
    loaded = np.load(tmp_path / "m.npz", mmap_mode="r")
    np.save(tmp_path / "blocks.npy", w4.blocks)
    mapped = np.load(tmp_path / "blocks.npy", mmap_mode="r")
    assert not mapped.flags.writeable
    back4 = K.Int4Matrix.from_arrays({"blocks": mapped, "shape": loaded["a.shape"], "layout": loaded["a.layout"]})
    back8 = K.matrix_from_arrays({k[2:]: loaded[k] for k in ("b.blocks", "b.shape", "b.layout")})
    assert isinstance(back8, K.Int8Matrix)
    x = rng.standard_normal((3, 896)).astype(np.float32)
    assert np.array_equal(back4.matmul(x), w4.matmul(x))
    assert np.array_equal(back8.matmul(x), w8.matmul(x))
    with pytest.raises(ValueError, match="int8"):
        K.Int4Matrix.from_arrays(w8.to_arrays())
    stale = w4.to_arrays() | {"layout": np.array([4, K.LAYOUT_VERSION + 1])}
    with pytest.raises(ValueError, match="layout version"):
        K.matrix_from_arrays(stale)


def test_threads_setting() -> None:
    before = K.get_num_threads()
    try:
        K.set_num_threads(1)
        assert K.get_num_threads() == 1
        with pytest.raises(ValueError):
            K.set_num_threads(0)
    finally:
        K.set_num_threads(before)


def test_env_forces_the_portable_backend_without_importing_avx2_code() -> None:
    script = _PORTABLE_CHECK
    env = dict(os.environ, INTERNS_KERNEL="scalar")
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report == {"backend": "scalar", "err": report["err"], "avx2_loaded": False, "vnni_loaded": False}
    assert report["err"] < 1e-3


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("qemu-x86_64") is None, reason="needs qemu-user (apt install qemu-user)")
@pytest.mark.parametrize(("cpu", "expected"), [("Nehalem", "scalar"), ("Haswell", "avx2")])
def test_an_older_cpu_runs_the_module_it_supports(cpu: str, expected: str) -> None:
    # qemu emulating a Nehalem (SSE4.2, no AVX) or a Haswell (AVX2, no AVX-VNNI): importing a module the
    # CPU cannot run dies with SIGILL, so this proves the dispatcher checks the CPU before touching it
    done = subprocess.run(["qemu-x86_64", "-cpu", cpu, sys.executable, "-c", _PORTABLE_CHECK], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["backend"] == expected and report["avx2_loaded"] is (expected == "avx2") and report["vnni_loaded"] is False
    assert report["err"] < 1e-3


def test_env_rejects_unknown_backend_name() -> None:
    env = dict(os.environ, INTERNS_KERNEL="sse9")
    done = subprocess.run(
        [sys.executable, "-c", "import interns.local_model.kernels"], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode != 0 and "INTERNS_KERNEL" in done.stderr
