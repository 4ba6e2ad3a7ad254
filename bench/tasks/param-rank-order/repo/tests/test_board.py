from league.board import leaderboard
from league.ranking import rank_players


def test_default_most_points_first() -> None:
    assert leaderboard({"bo": 3, "al": 5, "cy": 3}) == "1. al (5)\n2. bo (3)\n2. cy (3)"


def test_fewest_points_first() -> None:
    assert rank_players({"bo": 3, "al": 5}, descending=False) == [(1, "bo", 3), (2, "al", 5)]
    assert leaderboard({"bo": 3, "al": 5, "cy": 3}, descending=False) == "1. bo (3)\n1. cy (3)\n3. al (5)"
