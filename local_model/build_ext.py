"""The Cython extensions of the local model: four builds of the int4/int8 matrix kernels.

`_scalar` is portable C (baseline x86-64 / any CPU); `_avx2` is compiled with -mavx2 -mfma -mf16c and is
only imported after `_scalar.cpu_has_avx2()` said yes, so a wheel built here never dies with an illegal
instruction elsewhere; `_avxvnni` is the same source with -mavxvnni too and `_avx512vnni` with AVX-512
F/BW/VL/VNNI (when the compiler knows the flags), imported only after `_scalar.cpu_has_avx_vnni()` /
`cpu_has_avx512_vnni()`. Never -march=native. setup.py calls
`build_extensions(root)`.
"""

from __future__ import annotations

import os
import platform
import shlex
import subprocess
import sys
import sysconfig
from pathlib import Path

from setuptools import Extension

KERNELS = "local_model/kernels"
PACKAGE = "interns.local_model.kernels"


def _is_x86() -> bool:
    return platform.machine().lower() in {"x86_64", "amd64", "i386", "i686"}


def _compiler_accepts(flag: str) -> bool:
    """Whether the C compiler the extensions build with knows `flag` (gcc >= 11 for -mavxvnni)."""
    compiler = shlex.split(os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc")
    try:
        result = subprocess.run([*compiler, flag, "-x", "c", "-c", "-", "-o", os.devnull], input=b"int main(void) { return 0; }\n", capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0


def build_extensions(root: Path) -> list[Extension]:
    import numpy  # noqa: F401  (build requirement; kept for include paths of future kernels)
    from Cython.Build import cythonize

    # threads come from our own pool (thread_pool.h), not OpenMP: see the header for why
    threads = [] if sys.platform == "win32" else ["-pthread"]
    base = ["-O3", "-fno-math-errno", *threads]
    if os.environ.get("INTERNS_KERNEL_DEBUG"):
        base = ["-O1", "-g", *threads]
    libm = [] if sys.platform == "win32" else ["m"]  # expf in attention.h
    kernels_dir = root / KERNELS
    # files the .pyx include: listed as depends so edits trigger rebuilds and the sdist ships them
    shared = [f"{KERNELS}/entry_points.pxi", f"{KERNELS}/cpu_features.h", f"{KERNELS}/thread_pool.h", f"{KERNELS}/attention.h", f"{KERNELS}/elementwise.h", f"{KERNELS}/vector_math.h", f"{KERNELS}/reductions.h", f"{KERNELS}/avx512_tiles.h"]
    extensions = [
        Extension(
            f"{PACKAGE}._scalar",
            [f"{KERNELS}/_scalar.pyx"],
            depends=shared,
            include_dirs=[str(kernels_dir)],
            extra_compile_args=base,
            extra_link_args=threads,
            libraries=libm,
        )
    ]
    if _is_x86():
        extensions.append(
            Extension(
                f"{PACKAGE}._avx2",
                [f"{KERNELS}/_avx2.pyx"],
                depends=[*shared, f"{KERNELS}/avx2_helpers.h"],
                include_dirs=[str(kernels_dir)],
                extra_compile_args=[*base, "-mavx2", "-mfma", "-mf16c"],
                extra_link_args=threads,
                libraries=libm,
            )
        )
        avx512 = ["-mavx512f", "-mavx512bw", "-mavx512vl", "-mavx512vnni"]
        if all(_compiler_accepts(flag) for flag in avx512):
            extensions.append(
                Extension(
                    f"{PACKAGE}._avx512vnni",
                    [f"{KERNELS}/_avx512vnni.pyx"],
                    depends=[*shared, f"{KERNELS}/avx2_helpers.h", f"{KERNELS}/_avx2.pyx", f"{KERNELS}/avx512_tiles.h"],
                    include_dirs=[str(kernels_dir)],
                    extra_compile_args=[*base, "-mavx2", "-mfma", "-mf16c", *avx512],
                    extra_link_args=threads,
                    libraries=libm,
                )
            )
        if _compiler_accepts("-mavxvnni"):
            extensions.append(
                Extension(
                    f"{PACKAGE}._avxvnni",
                    [f"{KERNELS}/_avxvnni.pyx"],
                    depends=[*shared, f"{KERNELS}/avx2_helpers.h", f"{KERNELS}/_avx2.pyx"],
                    include_dirs=[str(kernels_dir)],
                    extra_compile_args=[*base, "-mavx2", "-mfma", "-mf16c", "-mavxvnni"],
                    extra_link_args=threads,
                    libraries=libm,
                )
            )
    return cythonize(
        extensions,
        compiler_directives={"language_level": "3", "boundscheck": False, "wraparound": False},
        include_path=[str(kernels_dir)],
        quiet=True,
        build_dir="build/cython",  # keep generated C out of the source tree
    )
