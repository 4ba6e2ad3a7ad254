"""Which compiled kernel module runs (AVX-512 VNNI, AVX-VNNI, AVX2 or portable), and with how many threads.

The AVX2 module is imported only after the portable one confirmed the CPU supports AVX2, FMA and F16C,
the AVX-VNNI module only after it confirmed AVX-VNNI too, the AVX-512 module only after AVX-512 F, BW,
VL and VNNI: importing one first could die with an illegal instruction. The fastest one the CPU runs is
chosen. `INTERNS_KERNEL=scalar` forces the portable path (tests use it); `INTERNS_KERNEL=avx2`,
`=avxvnni` or `=avx512vnni` demands that module and fails clearly if the CPU lacks it.
"""

from __future__ import annotations

import os
from types import ModuleType

from interns.local_model.kernels import _scalar

ENV_BACKEND = "INTERNS_KERNEL"
ENV_THREADS = "INTERNS_KERNEL_THREADS"


def _default_threads() -> int:
    if os.environ.get(ENV_THREADS, "").isdigit() and int(os.environ[ENV_THREADS]) > 0:
        return int(os.environ[ENV_THREADS])
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def _load_avx2() -> ModuleType | None:
    if not _scalar.cpu_has_avx2():
        return None
    try:
        from interns.local_model.kernels import _avx2
    except ImportError:  # built on a non-x86 machine: only the portable module exists
        return None
    return _avx2


def _load_avx_vnni() -> ModuleType | None:
    if not _scalar.cpu_has_avx_vnni():
        return None
    try:
        from interns.local_model.kernels import _avxvnni
    except ImportError:  # a compiler without -mavxvnni: the module was not built
        return None
    return _avxvnni


def _load_avx512() -> ModuleType | None:
    if not _scalar.cpu_has_avx512_vnni():
        return None
    try:
        from interns.local_model.kernels import _avx512vnni
    except ImportError:  # a compiler without AVX-512 flags: the module was not built
        return None
    return _avx512vnni


def _choose(requested: str) -> tuple[str, ModuleType]:
    requested = requested.strip().lower()
    if requested in ("scalar", "portable"):
        return "scalar", _scalar
    if requested not in ("", "auto", "avx2", "avxvnni", "avx512vnni"):
        raise ValueError(f"{ENV_BACKEND}={requested!r}: expected 'avx512vnni', 'avxvnni', 'avx2', 'scalar' or 'auto'")
    if requested in ("", "auto", "avx512vnni"):
        avx512 = _load_avx512()
        if avx512 is not None:
            return "avx512vnni", avx512
        if requested == "avx512vnni":
            raise RuntimeError(f"{ENV_BACKEND}=avx512vnni but this CPU lacks AVX-512 VNNI (or the module was not built)")
    if requested != "avx2":
        vnni = _load_avx_vnni()
        if vnni is not None:
            return "avxvnni", vnni
        if requested == "avxvnni":
            raise RuntimeError(f"{ENV_BACKEND}=avxvnni but this CPU lacks AVX-VNNI (or the module was not built)")
    avx2 = _load_avx2()
    if avx2 is not None:
        return "avx2", avx2
    if requested == "avx2":
        raise RuntimeError(f"{ENV_BACKEND}=avx2 but this CPU lacks AVX2/FMA/F16C (or the module was not built)")
    return "scalar", _scalar


_name, _module = _choose(os.environ.get(ENV_BACKEND, ""))
_threads = _default_threads()


def backend() -> str:
    """Name of the active kernel backend: 'avx512vnni', 'avxvnni', 'avx2' or 'scalar'."""
    return _name


def available_backends() -> list[str]:
    """Backends this CPU can run, fastest first."""
    return (
        (["avx512vnni"] if _load_avx512() is not None else [])
        + (["avxvnni"] if _load_avx_vnni() is not None else [])
        + (["avx2"] if _load_avx2() is not None else [])
        + ["scalar"]
    )


def kernel_module(name: str | None = None) -> ModuleType:
    """The compiled module of backend `name` (default: the active one). For tests and benchmarks."""
    if name is None:
        return _module
    return _choose(name)[1] if name != "auto" else _module


def set_num_threads(n: int) -> None:
    """Threads used by the kernels (thread_pool.h, over 8-row tiles). Default: the CPUs this process may use."""
    global _threads
    if n < 1:
        raise ValueError(f"number of threads must be >= 1, got {n}")
    _threads = int(n)


def get_num_threads() -> int:
    return _threads
