"""Bounded capture of a command's output: keeps the head and the tail, drops the middle.

A runaway command can print gigabytes; what a person (or a model) needs is the beginning (what ran)
and the end (how it failed). Both backends feed their bytes through this one class.
"""

from __future__ import annotations

import threading

DEFAULT_HEAD_BYTES = 64 * 1024
DEFAULT_TAIL_BYTES = 64 * 1024


class BoundedOutput:
    """Thread-safe byte sink keeping at most `head_bytes` + `tail_bytes` of everything written."""

    def __init__(self, head_bytes: int = DEFAULT_HEAD_BYTES, tail_bytes: int = DEFAULT_TAIL_BYTES) -> None:
        self._head_limit = head_bytes
        self._tail_limit = tail_bytes
        self._head = bytearray()
        self._tail = bytearray()
        self._total = 0
        self._lock = threading.Lock()

    @property
    def total_bytes(self) -> int:
        return self._total

    def write(self, chunk: bytes) -> None:
        if not chunk:
            return
        with self._lock:
            self._total += len(chunk)
            room = self._head_limit - len(self._head)
            if room > 0:
                self._head += chunk[:room]
                chunk = chunk[room:]
            if chunk and self._tail_limit > 0:
                self._tail += chunk
                if len(self._tail) > self._tail_limit:
                    del self._tail[: len(self._tail) - self._tail_limit]

    def text(self) -> str:
        """The kept output, with a marker saying how much was dropped from the middle."""
        with self._lock:
            kept = len(self._head) + len(self._tail)
            dropped = self._total - kept
            if dropped <= 0:
                return (bytes(self._head) + bytes(self._tail)).decode("utf-8", errors="replace")
            head = bytes(self._head).decode("utf-8", errors="replace")
            tail = bytes(self._tail).decode("utf-8", errors="replace")
            return f"{head}\n[... {dropped} bytes of output omitted ...]\n{tail}"
