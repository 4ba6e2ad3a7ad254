"""ISO weeks: Monday to Sunday, week 1 is the week with the year's first Thursday."""

from __future__ import annotations

from datetime import date, timedelta


def week_key(day: date) -> tuple[int, int]:
    """(ISO year, ISO week number) of a day: 2024-12-30 is in week 1 of 2025, 2021-01-01 is in week
    53 of 2020."""
    return (day.year, day.isocalendar()[1])


def week_label(key: tuple[int, int]) -> str:
    """"2025-W01" for (2025, 1)."""
    year, week = key
    return f"{year}-W{week:02d}"


def week_monday(key: tuple[int, int]) -> date:
    """The Monday that starts an ISO week."""
    year, week = key
    return date.fromisocalendar(year, week, 1)


def week_days(key: tuple[int, int]) -> list[date]:
    """The seven days of an ISO week, Monday first."""
    monday = week_monday(key)
    return [monday + timedelta(days=offset) for offset in range(7)]
