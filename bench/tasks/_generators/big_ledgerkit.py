"""Base `ledgerkit`: a small-business bookkeeping toolkit (records in big_ledgerkit.toml + hand-written money arithmetic)."""

from __future__ import annotations

from pathlib import Path

from bigmod_engine import load_entities

PACKAGE = "ledgerkit"
MODULE = "books"
DESCRIPTION = "Small-business bookkeeping toolkit: accounts, invoices, payments and reports."

HEADER = '''"""Small-business bookkeeping toolkit.

Records for the books of a small business (accounts, journals, clients, vendors, invoices,
bills, payments, tax codes, budgets ...), each with validation, CSV import/export, an
in-memory registry and a summary, plus the money arithmetic the reports need: amounts as
accountants write them, splitting amounts, trial balances and receivables aging.

Amounts handled by the arithmetic functions are whole cents (int) to avoid rounding errors;
record fields keep the floats of the accounting package's CSV exports.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
'''

ENTITIES = load_entities(Path(__file__).with_suffix(".toml"))

BLOCKS: dict[int, str] = {}

BLOCKS[1] = r'''
# ----------------------------------------------------------------------------------------------------
# Splitting amounts
# ----------------------------------------------------------------------------------------------------


def split_cents(total_cents: int, parts: int) -> list[int]:
    """Split an amount in cents into `parts` shares that add up to it and differ by at most one cent.

    Larger shares come first: split_cents(100, 3) == [34, 33, 33]. A negative amount is split the
    same way with every share negative: split_cents(-100, 3) == [-34, -33, -33]. `parts` below 1
    raises ValueError.

    >>> split_cents(1000, 4)
    [250, 250, 250, 250]
    """
    if parts < 1:
        raise ValueError("parts must be at least 1")
    sign = -1 if total_cents < 0 else 1
    base, extra = divmod(abs(total_cents), parts)
    return [sign * (base + (1 if index < extra else 0)) for index in range(parts)]


def cents_to_text(cents: int) -> str:
    """An amount in cents as text with two decimals and thousands separators: -123456 -> "-1,234.56"."""
    sign = "-" if cents < 0 else ""
    whole, fraction = divmod(abs(cents), 100)
    return f"{sign}{whole:,}.{fraction:02d}"
'''

BLOCKS[5] = r'''
# ----------------------------------------------------------------------------------------------------
# Reading amounts
# ----------------------------------------------------------------------------------------------------

_AMOUNT = re.compile(r"(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?")
_CURRENCY_SIGNS = "$€£"


def parse_amount(text: str) -> int:
    """An amount as accountants write it, in cents.

    Accepted: an optional currency sign ("$", "€" or "£") right before the digits, "," as
    thousands separator (in groups of three), an optional "." followed by one or two decimals, and
    either a leading "-" or surrounding parentheses for a negative amount. Spaces around the text
    (and inside the parentheses) are ignored. Examples: "1,234.5" -> 123450, "(12.00)" -> -1200,
    "-$3" -> -300, "€0.07" -> 7. Anything else raises ValueError.

    >>> parse_amount("(1,234.56)")
    -123456
    """
    rest = text.strip()
    negative = False
    if rest.startswith("(") and rest.endswith(")"):
        negative, rest = True, rest[1:-1].strip()
    if rest.startswith("-"):
        if negative:
            raise ValueError(f"two minus signs in {text!r}")
        negative, rest = True, rest[1:]
    if rest and rest[0] in _CURRENCY_SIGNS:
        rest = rest[1:]
    match = _AMOUNT.fullmatch(rest)
    if match is None:
        raise ValueError(f"not an amount: {text!r}")
    whole = int(match.group(1).replace(",", ""))
    fraction = (match.group(2) or "").ljust(2, "0")
    cents = whole * 100 + int(fraction)
    return -cents if negative else cents


def total_of(texts: Iterable[str]) -> int:
    """The sum in cents of amounts written as text (see parse_amount)."""
    return sum(parse_amount(text) for text in texts)
'''

BLOCKS[9] = r'''
# ----------------------------------------------------------------------------------------------------
# Trial balance
# ----------------------------------------------------------------------------------------------------


def trial_balance(entries: Iterable[tuple[str, str, int]]) -> dict[str, int]:
    """The balance of every account after posting double-entry transactions.

    Each entry is (debit_account, credit_account, amount_cents): the amount is added to the debit
    account's balance and subtracted from the credit account's. Returns {account: balance} for
    every account that appears in any entry, including those whose balance ends at 0, with the
    accounts in sorted order. An amount that is not positive, or an entry whose two accounts are
    the same, raises ValueError.

    >>> trial_balance([("1200", "4000", 500), ("6000", "1200", 200)])
    {'1200': 300, '4000': -500, '6000': 200}
    """
    balances: dict[str, int] = {}
    for debit, credit, amount in entries:
        if amount <= 0:
            raise ValueError(f"amount must be positive, got {amount}")
        if debit == credit:
            raise ValueError(f"debit and credit are the same account {debit!r}")
        balances[debit] = balances.get(debit, 0) + amount
        balances[credit] = balances.get(credit, 0) - amount
    return dict(sorted(balances.items()))


def is_balanced(balances: Mapping[str, int]) -> bool:
    """Whether debits and credits cancel out (the balances add up to 0)."""
    return sum(balances.values()) == 0
'''

BLOCKS[len(ENTITIES)] = r'''
# ----------------------------------------------------------------------------------------------------
# Receivables aging
# ----------------------------------------------------------------------------------------------------

AGING_BUCKETS: tuple[str, ...] = ("current", "1-30", "31-60", "61-90", "90+")


def days_overdue(due: date, today: date) -> int:
    """Whole days an invoice due on `due` is late on `today` (0 or less: not late)."""
    return (today - due).days


def aging_bucket(days: int) -> str:
    """The aging bucket for a number of days past due."""
    if days <= 0:
        return "current"
    if days <= 30:
        return "1-30"
    if days <= 60:
        return "31-60"
    if days <= 90:
        return "61-90"
    return "90+"


def aging_report(invoices: Iterable[tuple[str, date, int]], today: date) -> dict[str, int]:
    """Open invoice amounts (cents) grouped by how late they are on `today`.

    Each invoice is (number, due_date, open_cents). An invoice due today or later is "current";
    one that is 1 to 30 days past its due date is in "1-30", 31 to 60 days in "31-60", 61 to 90
    in "61-90", and more than 90 days in "90+". Returns every bucket of AGING_BUCKETS, in that
    order, with 0 for empty buckets. Invoices with nothing open (0 cents) are left out.

    >>> aging_report([("7", date(2024, 1, 1), 5000)], date(2024, 1, 31))["1-30"]
    5000
    """
    totals = dict.fromkeys(AGING_BUCKETS, 0)
    for _number, due, open_cents in invoices:
        if open_cents == 0:
            continue
        totals[aging_bucket(days_overdue(due, today))] += open_cents
    return totals
'''

RECORD_TEST_ENTITIES = ["Account", "Invoice", "Asset"]
