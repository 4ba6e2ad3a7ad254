"""Push records to the index in batches."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from batchjobs.chunks import chunked

MAX_BATCH = 100


def push_all(records: Sequence[dict], send: Callable[[list[dict]], None], batch_size: int = MAX_BATCH) -> int:
    """Send every record, `batch_size` at a time; returns how many batches were sent."""
    batches = chunked(records, batch_size)
    for batch in batches:
        send(batch)
    return len(batches)
