import inspect

from league.board import leaderboard
from league.ranking import rank_players


def test_default_unchanged() -> None:
    assert rank_players({"a": 1, "b": 1, "c": 0}) == [(1, "a", 1), (1, "b", 1), (3, "c", 0)]
    assert leaderboard({}) == ""


def test_ascending() -> None:
    assert rank_players({"z": 2, "y": 2, "x": 9, "w": 1}, descending=False) == [(1, "w", 1), (2, "y", 2), (2, "z", 2), (4, "x", 9)]
    assert leaderboard({"a": 1}, False) == "1. a (1)"


def test_signatures() -> None:
    assert inspect.signature(rank_players).parameters["descending"].default is True
    assert inspect.signature(leaderboard).parameters["descending"].default is True
