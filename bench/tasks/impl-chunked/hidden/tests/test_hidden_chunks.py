import pytest

from batchjobs.chunks import chunked


def test_empty() -> None:
    assert chunked([], 3) == []


def test_size_larger_than_input() -> None:
    assert chunked([1, 2], 10) == [[1, 2]]


def test_exact_multiple() -> None:
    assert chunked(list(range(6)), 3) == [[0, 1, 2], [3, 4, 5]]


def test_any_sequence_gives_lists() -> None:
    assert chunked("abcde", 2) == [["a", "b"], ["c", "d"], ["e"]]
    assert chunked((1, 2, 3), 2) == [[1, 2], [3]]


@pytest.mark.parametrize("size", [0, -1])
def test_bad_size(size: int) -> None:
    with pytest.raises(ValueError):
        chunked([1, 2, 3], size)
