# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""The AVX2 kernels compiled for AVX-512 (F, BW, VL, VNNI) as well: the 256-bit products use the EVEX
vpdpbusd (as the avxvnni build does with the VEX one), and prompt/batch products of int4 matrices run two
8-row tiles at once in zmm registers (avx512_tiles.h). Exactly the same sums and scaling per row: results
equal the other builds' bit for bit. Import only after checking the CPU (dispatch.py)."""

include "_avx2.pyx"
