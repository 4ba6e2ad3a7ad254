"""Ranking players by points."""

from __future__ import annotations

from collections.abc import Mapping


def rank_players(points: Mapping[str, int], descending: bool = True) -> list[tuple[int, str, int]]:
    """(rank, player, points), most points first (fewest first when not `descending`); equal
    points share a rank and are listed by name."""
    sign = -1 if descending else 1
    ordered = sorted(points.items(), key=lambda item: (sign * item[1], item[0]))
    ranked = []
    for index, (player, score) in enumerate(ordered):
        rank = ranked[-1][0] if ranked and ranked[-1][2] == score else index + 1
        ranked.append((rank, player, score))
    return ranked
