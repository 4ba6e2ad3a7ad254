"""Leaderboards for the office table-tennis league."""
