"""Limit numpy's BLAS (OpenBLAS) threads at run time.

With int4/int8 weights our OpenMP kernels do the heavy lifting; numpy's BLAS only runs the small
attention products. Two thread pools on two cores then fight: measured here, a 896x896 numpy GEMV took
8 ms instead of 0.1 ms while the kernels' OpenMP threads were spinning. So quantised engines run BLAS
single-threaded. Uses threadpoolctl when installed, else calls OpenBLAS directly through ctypes.
"""

from __future__ import annotations

import ctypes
from pathlib import Path

SETTERS = ("scipy_openblas_set_num_threads64_", "openblas_set_num_threads64_", "openblas_set_num_threads")


def _loaded_openblas() -> list[str]:
    import numpy  # noqa: F401  (make sure numpy's BLAS is loaded)

    try:
        maps = Path("/proc/self/maps").read_text()
    except OSError:
        return []
    return sorted({line.split()[-1] for line in maps.splitlines() if "openblas" in line.lower() and ".so" in line})


def set_blas_threads(threads: int) -> bool:
    """Best effort; True when a BLAS thread setting was applied."""
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(threads, user_api="blas")
        return True
    except ImportError:
        pass
    for library in _loaded_openblas():
        try:
            handle = ctypes.CDLL(library)
        except OSError:
            continue
        for name in SETTERS:
            setter = getattr(handle, name, None)
            if setter is not None:
                setter.argtypes = [ctypes.c_int]
                setter(int(threads))
                return True
    return False
