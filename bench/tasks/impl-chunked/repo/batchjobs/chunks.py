"""Splitting work into batches the index API accepts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

T = TypeVar("T")


def chunked(items: Sequence[T], size: int) -> list[list[T]]:
    """Split `items` into consecutive batches of `size` items.

    Every batch is a list; the last one may be shorter. An empty sequence gives [].
    A `size` smaller than 1 raises ValueError.

    >>> chunked([1, 2, 3, 4, 5], 2)
    [[1, 2], [3, 4], [5]]
    """
    raise NotImplementedError
