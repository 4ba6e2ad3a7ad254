# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""The AVX2 kernels compiled with -mavxvnni as well: avx2_helpers.h then turns each group's
maddubs/madd chain into vpdpbusd (multiply, add pairs and accumulate in int32 in one instruction), about
half the multiply-pipe operations per weight, which is what bounds batched and prompt products. Same
source, same layouts, exactly the same integer sums: results equal the AVX2 module's. Import only after
checking the CPU (dispatch.py)."""

include "_avx2.pyx"
