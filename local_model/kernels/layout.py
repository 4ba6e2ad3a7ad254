"""The project's weight layouts, shared by the quantisers, the kernels and dequantize().

Both layouts cut a (rows, K) matrix into tiles of 8 output rows and groups of 32 input columns; K and rows
are padded internally (K to a multiple of 32, rows to a multiple of 8). Storage is one uint8 array
`blocks[T, G, block_bytes]` with T = ceil(rows / 8) tiles and G = ceil(K / 32) groups, so a tile streams
through memory in one piece.

int4 block (160 bytes = 5 bits per weight), asymmetric: w = d * q + m, q in 0..15
  bytes 0..127   nibbles: byte c*32 + 4*r + i (c = 0..3, r = 0..7, i = 0..3) holds q[r, 4c + i] in its
                 low half and q[r, 16 + 4c + i] in its high half. Unpacked with `& 15` / `>> 4`, AVX2
                 register j (j = 0..7) holds columns 4j..4j+3 of all 8 rows: one maddubs against a
                 broadcast of 4 activations serves 8 rows, and the 8 partial sums of a group add up in
                 int16 (8 * 2 * 15 * 127 < 32767), leaving one int32 per row after a single madd.
  bytes 128..143 8 fp16 scales d (one per row)
  bytes 144..159 8 fp16 mins m (one per row)

8-bit block (288 bytes = 9 bits per weight), asymmetric 7-bit codes: w = d * q + m, q in 0..127
  bytes 0..255   codes: byte 32*j + 4*r + i holds q[r, 4j + i]
  bytes 256..271 8 fp16 scales d
  bytes 272..287 8 fp16 mins m
  Why 7-bit codes in 8-bit storage: an unsigned code times an int8 activation is exactly what maddubs
  takes, and 2 * 127 * 127 fits int16, so no sign trick (abs + sign, 2 extra ops per register) is needed;
  asymmetric 7-bit has about the step of symmetric 8-bit on skewed groups and 2x on symmetric ones,
  far below int4 (relative RMS on Gaussian groups: ~0.9% here, ~0.5% for Q8_0, ~7% for our int4).
"""

from __future__ import annotations

import numpy as np

GROUP = 32
TILE = 8
INT4_BLOCK_BYTES = 160
INT8_BLOCK_BYTES = 288
LAYOUT_VERSION = 2  # bump when a block layout changes: converted-model caches must be rebuilt


def padded_shape(rows: int, cols: int) -> tuple[int, int]:
    """(tiles, groups) for a (rows, cols) matrix."""
    return -(-rows // TILE), -(-cols // GROUP)


def _tile_view(q: np.ndarray) -> np.ndarray:
    """(T*8, G*32) -> (T, G, j=8, r=8, i=4): sub-group j holds columns 4j..4j+3 of row r."""
    rows_p, cols_p = q.shape
    t, g = rows_p // TILE, cols_p // GROUP
    return q.reshape(t, TILE, g, 8, 4).transpose(0, 2, 3, 1, 4)


def pack_int4(q: np.ndarray, d: np.ndarray, m: np.ndarray) -> np.ndarray:
    """q uint8 (T*8, G*32) in 0..15, d/m (T*8, G) -> blocks uint8 (T, G, 160)."""
    tiles = _tile_view(q.astype(np.uint8))  # (T, G, 8, 8, 4)
    nibbles = (tiles[:, :, :4] | (tiles[:, :, 4:] << 4)).reshape(*tiles.shape[:2], 128)
    t, g = tiles.shape[:2]
    scales = np.ascontiguousarray(d.astype(np.float16).reshape(t, TILE, g).transpose(0, 2, 1))
    mins = np.ascontiguousarray(m.astype(np.float16).reshape(t, TILE, g).transpose(0, 2, 1))
    return np.ascontiguousarray(
        np.concatenate([nibbles, scales.view(np.uint8), mins.view(np.uint8)], axis=2)
    )


def unpack_int4(blocks: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """blocks (T, G, 160) -> q uint8 (T*8, G*32), d float32 (T*8, G), m float32 (T*8, G)."""
    t, g, _ = blocks.shape
    nibbles = np.asarray(blocks[:, :, :128]).reshape(t, g, 4, TILE, 4)
    tiles = np.concatenate([nibbles & 15, nibbles >> 4], axis=2)  # (T, G, j, r, i)
    q = tiles.transpose(0, 3, 1, 2, 4).reshape(t * TILE, g * GROUP)
    d = np.ascontiguousarray(blocks[:, :, 128:144]).view(np.float16).reshape(t, g, TILE)
    m = np.ascontiguousarray(blocks[:, :, 144:160]).view(np.float16).reshape(t, g, TILE)
    to_rows = lambda a: a.transpose(0, 2, 1).reshape(t * TILE, g).astype(np.float32)  # noqa: E731
    return q, to_rows(d), to_rows(m)


def pack_int8(q: np.ndarray, d: np.ndarray, m: np.ndarray) -> np.ndarray:
    """q uint8 (T*8, G*32) in 0..127, d/m (T*8, G) -> blocks uint8 (T, G, 288)."""
    tiles = _tile_view(q.astype(np.uint8))
    t, g = tiles.shape[:2]
    scales = np.ascontiguousarray(d.astype(np.float16).reshape(t, TILE, g).transpose(0, 2, 1))
    mins = np.ascontiguousarray(m.astype(np.float16).reshape(t, TILE, g).transpose(0, 2, 1))
    return np.ascontiguousarray(
        np.concatenate([tiles.reshape(t, g, 256), scales.view(np.uint8), mins.view(np.uint8)], axis=2)
    )


def unpack_int8(blocks: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """blocks (T, G, 288) -> q uint8 (T*8, G*32), d float32 (T*8, G), m float32 (T*8, G)."""
    t, g, _ = blocks.shape
    tiles = np.asarray(blocks[:, :, :256]).reshape(t, g, 8, TILE, 4)
    q = tiles.transpose(0, 3, 1, 2, 4).reshape(t * TILE, g * GROUP)
    d = np.ascontiguousarray(blocks[:, :, 256:272]).view(np.float16).reshape(t, g, TILE)
    m = np.ascontiguousarray(blocks[:, :, 272:288]).view(np.float16).reshape(t, g, TILE)
    to_rows = lambda a: a.transpose(0, 2, 1).reshape(t * TILE, g).astype(np.float32)  # noqa: E731
    return q, to_rows(d), to_rows(m)
