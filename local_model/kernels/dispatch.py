"""Which compiled kernel module runs (AVX-512 VNNI, AVX-VNNI, AVX2 or portable), and with how many threads.

The AVX2 module is imported only after the portable one confirmed the CPU supports AVX2, FMA and F16C,
the AVX-VNNI module only after it confirmed AVX-VNNI too, the AVX-512 module only after AVX-512 F, BW,
VL and VNNI: importing one first could die with an illegal instruction. The fastest one the CPU runs is
chosen. `INTERNS_KERNEL=scalar` forces the portable path (tests use it); `INTERNS_KERNEL=avx2`,
`=avxvnni` or `=avx512vnni` demands that module and fails clearly if the CPU lacks it.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
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


@dataclass(frozen=True)
class _SimdBuild:
    name: str  # the backend's name, as INTERNS_KERNEL takes it
    module: str  # the compiled module inside this package
    cpu_runs_it: Callable[[], bool]  # asked of the portable module, before the import
    lacks: str  # what a CPU that cannot run it lacks, for the error


# fastest first; a module is missing when the machine that built the package could not compile it
# (a non-x86 machine, a compiler without the flags)
_SIMD_BUILDS = (
    _SimdBuild("avx512vnni", "_avx512vnni", _scalar.cpu_has_avx512_vnni, "AVX-512 VNNI"),
    _SimdBuild("avxvnni", "_avxvnni", _scalar.cpu_has_avx_vnni, "AVX-VNNI"),
    _SimdBuild("avx2", "_avx2", _scalar.cpu_has_avx2, "AVX2/FMA/F16C"),
)


def _load(build: _SimdBuild) -> ModuleType | None:
    if not build.cpu_runs_it():
        return None
    try:
        return importlib.import_module(f"interns.local_model.kernels.{build.module}")
    except ImportError:
        return None


def _choose(requested: str) -> tuple[str, ModuleType]:
    requested = requested.strip().lower()
    if requested in ("scalar", "portable"):
        return "scalar", _scalar
    names = [build.name for build in _SIMD_BUILDS]
    if requested not in ("", "auto", *names):
        raise ValueError(f"{ENV_BACKEND}={requested!r}: expected {', '.join(repr(name) for name in names)}, 'scalar' or 'auto'")
    for build in _SIMD_BUILDS:
        if requested in ("", "auto", build.name):
            module = _load(build)
            if module is not None:
                return build.name, module
            if requested == build.name:
                raise RuntimeError(f"{ENV_BACKEND}={build.name} but this CPU lacks {build.lacks} (or the module was not built)")
    return "scalar", _scalar


_name, _module = _choose(os.environ.get(ENV_BACKEND, ""))
_threads = _default_threads()


def backend() -> str:
    """Name of the active kernel backend: 'avx512vnni', 'avxvnni', 'avx2' or 'scalar'."""
    return _name


def available_backends() -> list[str]:
    """Backends this CPU can run, fastest first."""
    return [build.name for build in _SIMD_BUILDS if _load(build) is not None] + ["scalar"]


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
