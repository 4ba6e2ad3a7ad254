"""Budget alerts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from household.totals import monthly_totals


def budget_alerts(lines: Iterable[str], budgets: Mapping[str, float]) -> list[str]:
    """Alerts for every month and category over its monthly budget."""
    return [
        f"{month} {category}: {total:.2f} > {budgets[category]:.2f}"
        for (month, category), total in monthly_totals(lines).items()
        if category in budgets and total > budgets[category]
    ]
