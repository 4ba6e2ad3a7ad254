"""The leaderboard as text."""

from __future__ import annotations

from collections.abc import Mapping

from league.ranking import rank_players


def leaderboard(points: Mapping[str, int]) -> str:
    """One "<rank>. <player> (<points>)" line per player, in ranking order."""
    return "\n".join(f"{rank}. {player} ({score})" for rank, player, score in rank_players(points))
