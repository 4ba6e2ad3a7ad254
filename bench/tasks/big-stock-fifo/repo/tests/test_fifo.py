from stockroom.inventory import fifo_issue_cost


def test_docstring_example() -> None:
    assert fifo_issue_cost([(5, 2.0), (10, 3.0)], 7) == (16.0, [(8, 3.0)])


def test_within_the_first_lot() -> None:
    assert fifo_issue_cost([(5, 2.0), (10, 3.0)], 2) == (4.0, [(3, 2.0), (10, 3.0)])
