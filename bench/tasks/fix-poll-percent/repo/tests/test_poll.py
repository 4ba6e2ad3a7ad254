import pytest

from pollster.poll import Poll


def test_one_vote_each() -> None:
    poll = Poll("Lunch?", ["pizza", "salad", "soup"])
    for voter, option in [("a", "pizza"), ("b", "salad"), ("c", "soup")]:
        poll.vote(voter, option)
    assert [percent for _, _, percent in poll.results()] == [34, 33, 33]


def test_percentages_add_up_to_100() -> None:
    poll = Poll("Offsite?", ["yes", "no", "maybe"])
    for number in range(7):
        poll.vote(f"v{number}", ["yes", "yes", "no", "no", "maybe", "maybe", "maybe"][number])
    assert sum(percent for _, _, percent in poll.results()) == 100


def test_double_vote() -> None:
    poll = Poll("Q", ["x"])
    poll.vote("a", "x")
    with pytest.raises(ValueError):
        poll.vote("a", "x")
