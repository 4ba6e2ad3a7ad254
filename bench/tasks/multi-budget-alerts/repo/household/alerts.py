"""Budget alerts."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def budget_alerts(lines: Iterable[str], budgets: Mapping[str, float]) -> list[str]:
    """"<YYYY-MM> <category>: <total> > <budget>" (amounts with 2 decimals) for every month and
    category whose total (from monthly_totals) is over the category's monthly budget, in the order
    of monthly_totals. Categories without a budget never alert."""
    raise NotImplementedError
