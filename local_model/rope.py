"""Rotary position embeddings, rotate-half (NeoX) layout, with a growing cos/sin table."""

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
        """cos [n, 1, head_dim] and signed sin [n, 1, head_dim] (-sin | +sin) for the given positions."""
        needed = int(positions.max()) + 1
        if needed > self.cos.shape[0]:
            self._grow(max(needed, 2 * self.cos.shape[0]))
        return self.cos[positions][:, None, :], self.sin[positions][:, None, :]

    def _grow(self, positions: int) -> None:
        angles = np.outer(np.arange(positions, dtype=np.float64), self.inv_freq)
        cos, sin = np.cos(angles).astype(np.float32), np.sin(angles).astype(np.float32)
        # full-width tables: x * cos + rotate_half(x) * signed_sin in three array operations
        self.cos = np.concatenate([cos, cos], axis=1)
        self.sin = np.concatenate([-sin, sin], axis=1)

    @staticmethod
    def apply(x: np.ndarray, cos: np.ndarray, sin: np.ndarray) -> np.ndarray:
        """Rotate x [n, heads, head_dim] (rotate-half layout); returns a new array."""
        half = x.shape[-1] // 2
        rotated = np.concatenate([x[..., half:], x[..., :half]], axis=-1)
        rotated *= sin
        out = x * cos
        out += rotated
        return out
