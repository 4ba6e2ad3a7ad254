import pytest

from stockroom.inventory import fifo_issue_cost


def test_everything() -> None:
    assert fifo_issue_cost([(1, 0.1), (2, 0.2)], 3) == (0.5, [])


def test_nothing() -> None:
    lots = [(4, 1.25)]
    assert fifo_issue_cost(lots, 0) == (0.0, [(4, 1.25)])
    assert fifo_issue_cost([], 0) == (0.0, [])


def test_exactly_one_lot_used_up() -> None:
    assert fifo_issue_cost([(3, 1.0), (3, 2.0), (3, 4.0)], 3) == (3.0, [(3, 2.0), (3, 4.0)])
    assert fifo_issue_cost([(3, 1.0), (3, 2.0), (3, 4.0)], 7) == (13.0, [(2, 4.0)])


def test_rounding_and_input_untouched() -> None:
    lots = [(3, 0.333), (1, 1.0)]
    assert fifo_issue_cost(lots, 3) == (1.0, [(1, 1.0)])
    assert lots == [(3, 0.333), (1, 1.0)]


@pytest.mark.parametrize("quantity", [-1, 16])
def test_bad_quantity(quantity: int) -> None:
    with pytest.raises(ValueError):
        fifo_issue_cost([(5, 2.0), (10, 3.0)], quantity)
