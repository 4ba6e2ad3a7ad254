import pytest

from pollster.shares import whole_percents


@pytest.mark.parametrize(("counts", "percents"), [
    ([1, 1, 1], [34, 33, 33]),
    ([2, 2, 3], [29, 28, 43]),
    ([1, 0, 0], [100, 0, 0]),
    ([0, 0], [0, 0]),
    ([], []),
    ([1, 1, 1, 1, 1, 1], [17, 17, 17, 17, 16, 16]),
    ([5, 5], [50, 50]),
    ([1, 2, 997], [0, 0, 100]),
    ([1, 199], [1, 99]),
])
def test_shares(counts: list[int], percents: list[int]) -> None:
    assert whole_percents(counts) == percents


def test_negative() -> None:
    with pytest.raises(ValueError):
        whole_percents([1, -1])
