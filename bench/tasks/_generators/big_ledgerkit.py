"""Base `ledgerkit`: a small-business bookkeeping toolkit (records + hand-written money arithmetic)."""

from __future__ import annotations

from bigmod_engine import Entity, Field as F

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

ENTITIES = [
    Entity("Account", "accounts", "An account of the chart of accounts.", (
        F("number", "str", "Account number such as \"1200\".", "1200", None, ("nonempty",)),
        F("name", "str", "Account name.", "Bank", ""),
        F("kind", "str", "What the account holds.", "asset", "expense", ("choice", ("asset", "liability", "equity", "income", "expense"))),
        F("opening_balance", "float", "Balance at the start of the year.", 2500.0, 0.0),
        F("locked", "bool", "No more postings allowed.", False, False),
    )),
    Entity("Journal", "journals", "A book of original entry.", (
        F("code", "str", "Journal code.", "SAL", None, ("nonempty",)),
        F("title", "str", "Journal name.", "Sales", ""),
        F("next_number", "int", "Number of the next entry.", 101, 1, ("positive",)),
        F("entries", "int", "Entries posted this year.", 100, 0, ("nonneg",)),
    )),
    Entity("Client", "clients", "A customer the business invoices.", (
        F("client_id", "str", "Client number.", "K-0001", None, ("nonempty",)),
        F("name", "str", "Client name.", "Baker & Sons", ""),
        F("email", "str", "Where invoices are sent.", "accounts@baker.example", ""),
        F("payment_days", "int", "Payment terms in days.", 30, 14, ("range", 0, 120)),
        F("credit_limit", "float", "Largest open balance allowed.", 8000.0, 0.0, ("nonneg",)),
        F("tax_exempt", "bool", "Invoiced without VAT.", False, False),
    )),
    Entity("Vendor", "vendors", "A supplier whose bills the business pays.", (
        F("vendor_id", "str", "Vendor number.", "V-017", None, ("nonempty",)),
        F("name", "str", "Vendor name.", "Paper Mill GmbH", ""),
        F("iban", "str", "Bank account for payments.", "DE02120300000000202051", ""),
        F("payment_days", "int", "Payment terms in days.", 14, 30, ("range", 0, 120)),
        F("discount_rate", "float", "Early-payment discount.", 0.02, 0.0, ("range", 0.0, 0.2)),
    )),
    Entity("Invoice", "invoices", "An invoice sent to a client.", (
        F("number", "str", "Invoice number.", "2024-0007", None, ("nonempty",)),
        F("client_id", "str", "Client invoiced.", "K-0001", ""),
        F("issued_on", "str", "ISO date of issue.", "2024-04-02", ""),
        F("net", "float", "Amount before tax.", 1000.0, 0.0, ("nonneg",)),
        F("tax", "float", "Tax amount.", 190.0, 0.0, ("nonneg",)),
        F("paid", "bool", "Whether it has been paid in full.", False, False),
    )),
    Entity("Bill", "bills", "A vendor's bill to pay.", (
        F("reference", "str", "Vendor's invoice number.", "PM-5531", None, ("nonempty",)),
        F("vendor_id", "str", "Vendor who sent it.", "V-017", ""),
        F("due_on", "str", "ISO due date.", "2024-05-01", ""),
        F("amount", "float", "Amount to pay.", 312.4, 0.0, ("nonneg",)),
        F("approved", "bool", "Approved for payment.", True, False),
    )),
    Entity("Payment", "payments", "Money received or paid.", (
        F("payment_id", "str", "Bank transaction id.", "TX-88", None, ("nonempty",)),
        F("direction", "str", "Incoming or outgoing.", "in", "in", ("choice", ("in", "out"))),
        F("amount", "float", "Amount moved.", 1190.0, 0.0, ("positive",)),
        F("matched_to", "str", "Invoice or bill it settles.", "2024-0007", ""),
        F("fee", "float", "Bank fee.", 0.35, 0.0, ("nonneg",)),
    )),
    Entity("TaxCode", "tax_codes", "A VAT rate used on invoices and bills.", (
        F("code", "str", "Tax code.", "S19", None, ("nonempty",)),
        F("description", "str", "What it is for.", "standard rate", ""),
        F("rate", "float", "Rate as a fraction.", 0.19, 0.0, ("range", 0.0, 1.0)),
        F("reverse_charge", "bool", "Tax paid by the buyer.", False, False),
    )),
    Entity("CostCenter", "cost_centers", "A department costs are booked to.", (
        F("code", "str", "Cost center code.", "CC-10", None, ("nonempty",)),
        F("name", "str", "Department.", "Workshop", ""),
        F("manager", "str", "Who approves its costs.", "R. Weiss", ""),
        F("headcount", "int", "People in it.", 6, 0, ("nonneg",)),
    )),
    Entity("Budget", "budgets", "A yearly budget for one account and cost center.", (
        F("budget_id", "str", "Budget line id.", "B24-01", None, ("nonempty",)),
        F("account", "str", "Account number.", "6000", ""),
        F("cost_center", "str", "Cost center code.", "CC-10", ""),
        F("year", "int", "Budget year.", 2024, 2024, ("range", 2000, 2100)),
        F("amount", "float", "Amount budgeted.", 12000.0, 0.0, ("nonneg",)),
    )),
    Entity("Employee", "employees", "A member of staff on the payroll.", (
        F("staff_id", "str", "Staff number.", "E-014", None, ("nonempty",)),
        F("name", "str", "Full name.", "Ada Brook", ""),
        F("cost_center", "str", "Cost center code.", "CC-10", ""),
        F("monthly_salary", "float", "Gross monthly salary.", 3650.0, 0.0, ("nonneg",)),
        F("hours_per_week", "int", "Contracted hours.", 38, 40, ("range", 1, 60)),
    )),
    Entity("ExpenseClaim", "expense_claims", "Out-of-pocket costs an employee claims back.", (
        F("claim_id", "str", "Claim number.", "EX-203", None, ("nonempty",)),
        F("staff_id", "str", "Who claims.", "E-014", ""),
        F("category", "str", "Kind of expense.", "travel", "other", ("choice", ("travel", "meals", "supplies", "other"))),
        F("amount", "float", "Amount claimed.", 86.4, 0.0, ("positive",)),
        F("receipt_attached", "bool", "Whether a receipt was handed in.", True, False),
    )),
    Entity("BankAccount", "bank_accounts", "A bank account of the business.", (
        F("iban", "str", "Account IBAN.", "DE89370400440532013000", None, ("nonempty",)),
        F("bank", "str", "Bank name.", "Commerzbank", ""),
        F("ledger_account", "str", "Account number in the books.", "1200", ""),
        F("overdraft_limit", "float", "Overdraft allowed.", 5000.0, 0.0, ("nonneg",)),
    )),
    Entity("Asset", "assets", "A fixed asset that is depreciated.", (
        F("tag", "str", "Asset tag.", "FA-0031", None, ("nonempty",)),
        F("description", "str", "What it is.", "Delivery van", ""),
        F("cost", "float", "Purchase cost.", 28000.0, 0.0, ("nonneg",)),
        F("useful_life_years", "int", "Years it is depreciated over.", 6, 5, ("range", 1, 50)),
        F("disposed", "bool", "Sold or scrapped.", False, False),
    )),
    Entity("Period", "periods", "An accounting period.", (
        F("label", "str", "Period label such as \"2024-04\".", "2024-04", None, ("nonempty",)),
        F("status", "str", "Whether postings are still allowed.", "open", "open", ("choice", ("open", "closing", "closed"))),
        F("postings", "int", "Entries posted in it.", 412, 0, ("nonneg",)),
        F("closed_by", "str", "Who closed it.", "", ""),
    )),
]

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
