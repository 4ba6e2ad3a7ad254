from batchjobs.chunks import chunked
from batchjobs.push import push_all


def test_last_batch_is_shorter() -> None:
    assert chunked([1, 2, 3, 4, 5], 2) == [[1, 2], [3, 4], [5]]


def test_push_all_counts_batches() -> None:
    sent: list[list[dict]] = []
    assert push_all([{"id": n} for n in range(5)], sent.append, batch_size=3) == 2
    assert [len(batch) for batch in sent] == [3, 2]
