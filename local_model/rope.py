"""Rotary position embeddings, rotate-half (NeoX) layout: the growing cos/sin tables (applied by K.bias_rope)."""

from __future__ import annotations

import numpy as np


class Rope:
    def __init__(self, head_dim: int, theta: float, initial_positions: int = 4096) -> None:
        self.head_dim = head_dim
        self.half = head_dim // 2
        # float64 for the angles: position * frequency loses digits in float32 at long contexts
        self.inv_freq = 1.0 / (theta ** (np.arange(0, head_dim, 2, dtype=np.float64) / head_dim))
        self.cos = np.empty((0, head_dim), np.float32)
        self.sin = np.empty((0, head_dim), np.float32)
        self._grow(initial_positions)

    def tables(self, positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The whole tables, cos [P, head_dim] (cos | cos) and signed sin [P, head_dim] (-sin | +sin), grown
        to cover every position given; kernels index them by position (K.bias_rope)."""
        needed = int(positions.max()) + 1 if len(positions) else 0
        if needed > self.cos.shape[0]:
            self._grow(max(needed, 2 * self.cos.shape[0]))
        return self.cos, self.sin

    def _grow(self, positions: int) -> None:
        angles = np.outer(np.arange(positions, dtype=np.float64), self.inv_freq)
        cos, sin = np.cos(angles).astype(np.float32), np.sin(angles).astype(np.float32)
        # full-width tables: x * cos + rotate_half(x) * signed_sin, one multiply-add per value
        self.cos = np.concatenate([cos, cos], axis=1)
        self.sin = np.concatenate([-sin, sin], axis=1)
