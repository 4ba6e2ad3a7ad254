"""Small-business bookkeeping toolkit.

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


def _as_int(value: Any) -> int:
    """An int from an int or its text; bools and fractional numbers raise ValueError."""
    if isinstance(value, bool):
        raise ValueError(f"not an integer: {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(f"not an integer: {value!r}")
        return int(value)
    return int(str(value).strip())


def _as_float(value: Any) -> float:
    """A float from a number or its text."""
    if isinstance(value, bool):
        raise ValueError(f"not a number: {value!r}")
    return float(value if isinstance(value, (int, float)) else str(value).strip())


_TRUE = frozenset({"1", "true", "yes", "y", "on"})
_FALSE = frozenset({"0", "false", "no", "n", "off", ""})


def _as_bool(value: Any) -> bool:
    """A bool from a bool or its usual spellings ("yes", "0", "True", ...)."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValueError(f"not a yes/no value: {value!r}")


def _clean_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """A CSV row without empty cells, so that missing values take their defaults."""
    return {key: value for key, value in row.items() if key is not None and value not in (None, "")}


# --------------------------------------------------------------------------------------------------
# Accounts
# --------------------------------------------------------------------------------------------------

ACCOUNT_FIELDS: tuple[str, ...] = ("number", "name", "kind", "opening_balance", "locked")


@dataclass
class Account:
    """An account of the chart of accounts.

    Attributes:
        number: Account number such as "1200".
        name: Account name.
        kind: What the account holds.
        opening_balance: Balance at the start of the year.
        locked: No more postings allowed.
    """

    number: str
    name: str = ""
    kind: str = "expense"
    opening_balance: float = 0.0
    locked: bool = False

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.number.strip():
            raise ValueError("Account.number must not be empty")
        if self.kind not in ("asset", "liability", "equity", "income", "expense"):
            raise ValueError(f"Account.kind must be one of asset, liability, equity, income, expense, got {self.kind!r}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its number)."""
        return self.number

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "number": self.number,
            "name": self.name,
            "kind": self.kind,
            "opening_balance": self.opening_balance,
            "locked": self.locked,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Account":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "number" raises KeyError.
        """
        item = cls(
            number=str(data["number"]),
            name=str(data.get("name", "")),
            kind=str(data.get("kind", "expense")),
            opening_balance=_as_float(data.get("opening_balance", 0.0)),
            locked=_as_bool(data.get("locked", False)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Account":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Account {self.number}: name={self.name!r}, kind={self.kind!r}, opening_balance={self.opening_balance!r}, locked={self.locked!r}"


class AccountRegistry:
    """Account records keyed by number, in insertion order."""

    def __init__(self, items: Iterable[Account] = ()) -> None:
        self._items: dict[str, Account] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Account]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Account) -> None:
        """Add a validated record; a number that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate account {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Account:
        """The record with this number; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no account {key!r}") from None

    def find(self, key: str) -> Account | None:
        """The record with this number, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Account:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Account:
        """Replace fields of one record (not its number) and return the new record."""
        if "number" in changes:
            raise ValueError("the number of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_name(self, value: str) -> list[Account]:
        """Records whose name equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.name.strip().casefold() == wanted]

    def find_by_kind(self, value: str) -> list[Account]:
        """Records whose kind equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.kind.strip().casefold() == wanted]

    def only_locked(self, value: bool = True) -> list[Account]:
        """Records whose locked flag is `value`."""
        return [item for item in self._items.values() if item.locked is value]

    def total_opening_balance(self) -> float:
        """The sum of opening_balance over all records (0 when empty)."""
        return sum((item.opening_balance for item in self._items.values()), 0.0)

    def max_opening_balance(self) -> Account | None:
        """The record with the largest opening_balance (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.opening_balance > best.opening_balance:
                best = item
        return best

    def where(self, predicate: Callable[[Account], bool]) -> list[Account]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Account]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in ACCOUNT_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def accounts_to_csv(items: Iterable[Account]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ACCOUNT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def accounts_from_csv(text: str) -> list[Account]:
    """Parse CSV text as `accounts_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Account.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_accounts(items: Iterable[Account]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_opening_balance = [item.opening_balance for item in items]
    summary["opening_balance"] = {
        "total": sum(values_opening_balance),
        "min": min(values_opening_balance, default=None),
        "max": max(values_opening_balance, default=None),
    }
    return summary


def index_accounts(items: Iterable[Account]) -> dict[str, Account]:
    """Records keyed by number; a repeated number raises ValueError."""
    index: dict[str, Account] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate number {item.key()!r}")
        index[item.key()] = item
    return index


def group_accounts_by_name(items: Iterable[Account]) -> dict[str, list[Account]]:
    """Records grouped by name (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Account]] = {}
    for item in items:
        groups.setdefault(item.name, []).append(item)
    return groups


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


# --------------------------------------------------------------------------------------------------
# Journals
# --------------------------------------------------------------------------------------------------

JOURNAL_FIELDS: tuple[str, ...] = ("code", "title", "next_number", "entries")


@dataclass
class Journal:
    """A book of original entry.

    Attributes:
        code: Journal code.
        title: Journal name.
        next_number: Number of the next entry.
        entries: Entries posted this year.
    """

    code: str
    title: str = ""
    next_number: int = 1
    entries: int = 0

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.code.strip():
            raise ValueError("Journal.code must not be empty")
        if self.next_number <= 0:
            raise ValueError(f"Journal.next_number must be > 0, got {self.next_number}")
        if self.entries < 0:
            raise ValueError(f"Journal.entries must be >= 0, got {self.entries}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its code)."""
        return self.code

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "code": self.code,
            "title": self.title,
            "next_number": self.next_number,
            "entries": self.entries,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Journal":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "code" raises KeyError.
        """
        item = cls(
            code=str(data["code"]),
            title=str(data.get("title", "")),
            next_number=_as_int(data.get("next_number", 1)),
            entries=_as_int(data.get("entries", 0)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Journal":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Journal {self.code}: title={self.title!r}, next_number={self.next_number!r}, entries={self.entries!r}"


class JournalRegistry:
    """Journal records keyed by code, in insertion order."""

    def __init__(self, items: Iterable[Journal] = ()) -> None:
        self._items: dict[str, Journal] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Journal]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Journal) -> None:
        """Add a validated record; a code that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate journal {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Journal:
        """The record with this code; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no journal {key!r}") from None

    def find(self, key: str) -> Journal | None:
        """The record with this code, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Journal:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Journal:
        """Replace fields of one record (not its code) and return the new record."""
        if "code" in changes:
            raise ValueError("the code of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_title(self, value: str) -> list[Journal]:
        """Records whose title equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.title.strip().casefold() == wanted]

    def total_next_number(self) -> int:
        """The sum of next_number over all records (0 when empty)."""
        return sum((item.next_number for item in self._items.values()), 0)

    def max_next_number(self) -> Journal | None:
        """The record with the largest next_number (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.next_number > best.next_number:
                best = item
        return best

    def total_entries(self) -> int:
        """The sum of entries over all records (0 when empty)."""
        return sum((item.entries for item in self._items.values()), 0)

    def max_entries(self) -> Journal | None:
        """The record with the largest entries (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.entries > best.entries:
                best = item
        return best

    def where(self, predicate: Callable[[Journal], bool]) -> list[Journal]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Journal]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in JOURNAL_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def journals_to_csv(items: Iterable[Journal]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=JOURNAL_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def journals_from_csv(text: str) -> list[Journal]:
    """Parse CSV text as `journals_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Journal.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_journals(items: Iterable[Journal]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_next_number = [item.next_number for item in items]
    summary["next_number"] = {
        "total": sum(values_next_number),
        "min": min(values_next_number, default=None),
        "max": max(values_next_number, default=None),
    }
    values_entries = [item.entries for item in items]
    summary["entries"] = {
        "total": sum(values_entries),
        "min": min(values_entries, default=None),
        "max": max(values_entries, default=None),
    }
    return summary


def index_journals(items: Iterable[Journal]) -> dict[str, Journal]:
    """Records keyed by code; a repeated code raises ValueError."""
    index: dict[str, Journal] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate code {item.key()!r}")
        index[item.key()] = item
    return index


def group_journals_by_title(items: Iterable[Journal]) -> dict[str, list[Journal]]:
    """Records grouped by title (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Journal]] = {}
    for item in items:
        groups.setdefault(item.title, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Clients
# --------------------------------------------------------------------------------------------------

CLIENT_FIELDS: tuple[str, ...] = ("client_id", "name", "email", "payment_days", "credit_limit", "tax_exempt")


@dataclass
class Client:
    """A customer the business invoices.

    Attributes:
        client_id: Client number.
        name: Client name.
        email: Where invoices are sent.
        payment_days: Payment terms in days.
        credit_limit: Largest open balance allowed.
        tax_exempt: Invoiced without VAT.
    """

    client_id: str
    name: str = ""
    email: str = ""
    payment_days: int = 14
    credit_limit: float = 0.0
    tax_exempt: bool = False

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.client_id.strip():
            raise ValueError("Client.client_id must not be empty")
        if not 0 <= self.payment_days <= 120:
            raise ValueError(f"Client.payment_days must be between 0 and 120, got {self.payment_days}")
        if self.credit_limit < 0:
            raise ValueError(f"Client.credit_limit must be >= 0, got {self.credit_limit}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its client_id)."""
        return self.client_id

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "client_id": self.client_id,
            "name": self.name,
            "email": self.email,
            "payment_days": self.payment_days,
            "credit_limit": self.credit_limit,
            "tax_exempt": self.tax_exempt,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Client":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "client_id" raises KeyError.
        """
        item = cls(
            client_id=str(data["client_id"]),
            name=str(data.get("name", "")),
            email=str(data.get("email", "")),
            payment_days=_as_int(data.get("payment_days", 14)),
            credit_limit=_as_float(data.get("credit_limit", 0.0)),
            tax_exempt=_as_bool(data.get("tax_exempt", False)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Client":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Client {self.client_id}: name={self.name!r}, email={self.email!r}, payment_days={self.payment_days!r}, credit_limit={self.credit_limit!r}, tax_exempt={self.tax_exempt!r}"


class ClientRegistry:
    """Client records keyed by client_id, in insertion order."""

    def __init__(self, items: Iterable[Client] = ()) -> None:
        self._items: dict[str, Client] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Client]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Client) -> None:
        """Add a validated record; a client_id that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate client {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Client:
        """The record with this client_id; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no client {key!r}") from None

    def find(self, key: str) -> Client | None:
        """The record with this client_id, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Client:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Client:
        """Replace fields of one record (not its client_id) and return the new record."""
        if "client_id" in changes:
            raise ValueError("the client_id of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_name(self, value: str) -> list[Client]:
        """Records whose name equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.name.strip().casefold() == wanted]

    def find_by_email(self, value: str) -> list[Client]:
        """Records whose email equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.email.strip().casefold() == wanted]

    def only_tax_exempt(self, value: bool = True) -> list[Client]:
        """Records whose tax_exempt flag is `value`."""
        return [item for item in self._items.values() if item.tax_exempt is value]

    def total_payment_days(self) -> int:
        """The sum of payment_days over all records (0 when empty)."""
        return sum((item.payment_days for item in self._items.values()), 0)

    def max_payment_days(self) -> Client | None:
        """The record with the largest payment_days (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.payment_days > best.payment_days:
                best = item
        return best

    def total_credit_limit(self) -> float:
        """The sum of credit_limit over all records (0 when empty)."""
        return sum((item.credit_limit for item in self._items.values()), 0.0)

    def max_credit_limit(self) -> Client | None:
        """The record with the largest credit_limit (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.credit_limit > best.credit_limit:
                best = item
        return best

    def where(self, predicate: Callable[[Client], bool]) -> list[Client]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Client]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in CLIENT_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def clients_to_csv(items: Iterable[Client]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CLIENT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def clients_from_csv(text: str) -> list[Client]:
    """Parse CSV text as `clients_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Client.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_clients(items: Iterable[Client]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_payment_days = [item.payment_days for item in items]
    summary["payment_days"] = {
        "total": sum(values_payment_days),
        "min": min(values_payment_days, default=None),
        "max": max(values_payment_days, default=None),
    }
    values_credit_limit = [item.credit_limit for item in items]
    summary["credit_limit"] = {
        "total": sum(values_credit_limit),
        "min": min(values_credit_limit, default=None),
        "max": max(values_credit_limit, default=None),
    }
    return summary


def index_clients(items: Iterable[Client]) -> dict[str, Client]:
    """Records keyed by client_id; a repeated client_id raises ValueError."""
    index: dict[str, Client] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate client_id {item.key()!r}")
        index[item.key()] = item
    return index


def group_clients_by_name(items: Iterable[Client]) -> dict[str, list[Client]]:
    """Records grouped by name (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Client]] = {}
    for item in items:
        groups.setdefault(item.name, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Vendors
# --------------------------------------------------------------------------------------------------

VENDOR_FIELDS: tuple[str, ...] = ("vendor_id", "name", "iban", "payment_days", "discount_rate")


@dataclass
class Vendor:
    """A supplier whose bills the business pays.

    Attributes:
        vendor_id: Vendor number.
        name: Vendor name.
        iban: Bank account for payments.
        payment_days: Payment terms in days.
        discount_rate: Early-payment discount.
    """

    vendor_id: str
    name: str = ""
    iban: str = ""
    payment_days: int = 30
    discount_rate: float = 0.0

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.vendor_id.strip():
            raise ValueError("Vendor.vendor_id must not be empty")
        if not 0 <= self.payment_days <= 120:
            raise ValueError(f"Vendor.payment_days must be between 0 and 120, got {self.payment_days}")
        if not 0.0 <= self.discount_rate <= 0.2:
            raise ValueError(f"Vendor.discount_rate must be between 0.0 and 0.2, got {self.discount_rate}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its vendor_id)."""
        return self.vendor_id

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "vendor_id": self.vendor_id,
            "name": self.name,
            "iban": self.iban,
            "payment_days": self.payment_days,
            "discount_rate": self.discount_rate,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Vendor":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "vendor_id" raises KeyError.
        """
        item = cls(
            vendor_id=str(data["vendor_id"]),
            name=str(data.get("name", "")),
            iban=str(data.get("iban", "")),
            payment_days=_as_int(data.get("payment_days", 30)),
            discount_rate=_as_float(data.get("discount_rate", 0.0)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Vendor":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Vendor {self.vendor_id}: name={self.name!r}, iban={self.iban!r}, payment_days={self.payment_days!r}, discount_rate={self.discount_rate!r}"


class VendorRegistry:
    """Vendor records keyed by vendor_id, in insertion order."""

    def __init__(self, items: Iterable[Vendor] = ()) -> None:
        self._items: dict[str, Vendor] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Vendor]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Vendor) -> None:
        """Add a validated record; a vendor_id that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate vendor {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Vendor:
        """The record with this vendor_id; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no vendor {key!r}") from None

    def find(self, key: str) -> Vendor | None:
        """The record with this vendor_id, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Vendor:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Vendor:
        """Replace fields of one record (not its vendor_id) and return the new record."""
        if "vendor_id" in changes:
            raise ValueError("the vendor_id of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_name(self, value: str) -> list[Vendor]:
        """Records whose name equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.name.strip().casefold() == wanted]

    def find_by_iban(self, value: str) -> list[Vendor]:
        """Records whose iban equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.iban.strip().casefold() == wanted]

    def total_payment_days(self) -> int:
        """The sum of payment_days over all records (0 when empty)."""
        return sum((item.payment_days for item in self._items.values()), 0)

    def max_payment_days(self) -> Vendor | None:
        """The record with the largest payment_days (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.payment_days > best.payment_days:
                best = item
        return best

    def total_discount_rate(self) -> float:
        """The sum of discount_rate over all records (0 when empty)."""
        return sum((item.discount_rate for item in self._items.values()), 0.0)

    def max_discount_rate(self) -> Vendor | None:
        """The record with the largest discount_rate (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.discount_rate > best.discount_rate:
                best = item
        return best

    def where(self, predicate: Callable[[Vendor], bool]) -> list[Vendor]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Vendor]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in VENDOR_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def vendors_to_csv(items: Iterable[Vendor]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=VENDOR_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def vendors_from_csv(text: str) -> list[Vendor]:
    """Parse CSV text as `vendors_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Vendor.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_vendors(items: Iterable[Vendor]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_payment_days = [item.payment_days for item in items]
    summary["payment_days"] = {
        "total": sum(values_payment_days),
        "min": min(values_payment_days, default=None),
        "max": max(values_payment_days, default=None),
    }
    values_discount_rate = [item.discount_rate for item in items]
    summary["discount_rate"] = {
        "total": sum(values_discount_rate),
        "min": min(values_discount_rate, default=None),
        "max": max(values_discount_rate, default=None),
    }
    return summary


def index_vendors(items: Iterable[Vendor]) -> dict[str, Vendor]:
    """Records keyed by vendor_id; a repeated vendor_id raises ValueError."""
    index: dict[str, Vendor] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate vendor_id {item.key()!r}")
        index[item.key()] = item
    return index


def group_vendors_by_name(items: Iterable[Vendor]) -> dict[str, list[Vendor]]:
    """Records grouped by name (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Vendor]] = {}
    for item in items:
        groups.setdefault(item.name, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Invoices
# --------------------------------------------------------------------------------------------------

INVOICE_FIELDS: tuple[str, ...] = ("number", "client_id", "issued_on", "net", "tax", "paid")


@dataclass
class Invoice:
    """An invoice sent to a client.

    Attributes:
        number: Invoice number.
        client_id: Client invoiced.
        issued_on: ISO date of issue.
        net: Amount before tax.
        tax: Tax amount.
        paid: Whether it has been paid in full.
    """

    number: str
    client_id: str = ""
    issued_on: str = ""
    net: float = 0.0
    tax: float = 0.0
    paid: bool = False

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.number.strip():
            raise ValueError("Invoice.number must not be empty")
        if self.net < 0:
            raise ValueError(f"Invoice.net must be >= 0, got {self.net}")
        if self.tax < 0:
            raise ValueError(f"Invoice.tax must be >= 0, got {self.tax}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its number)."""
        return self.number

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "number": self.number,
            "client_id": self.client_id,
            "issued_on": self.issued_on,
            "net": self.net,
            "tax": self.tax,
            "paid": self.paid,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Invoice":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "number" raises KeyError.
        """
        item = cls(
            number=str(data["number"]),
            client_id=str(data.get("client_id", "")),
            issued_on=str(data.get("issued_on", "")),
            net=_as_float(data.get("net", 0.0)),
            tax=_as_float(data.get("tax", 0.0)),
            paid=_as_bool(data.get("paid", False)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Invoice":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Invoice {self.number}: client_id={self.client_id!r}, issued_on={self.issued_on!r}, net={self.net!r}, tax={self.tax!r}, paid={self.paid!r}"


class InvoiceRegistry:
    """Invoice records keyed by number, in insertion order."""

    def __init__(self, items: Iterable[Invoice] = ()) -> None:
        self._items: dict[str, Invoice] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Invoice]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Invoice) -> None:
        """Add a validated record; a number that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate invoice {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Invoice:
        """The record with this number; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no invoice {key!r}") from None

    def find(self, key: str) -> Invoice | None:
        """The record with this number, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Invoice:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Invoice:
        """Replace fields of one record (not its number) and return the new record."""
        if "number" in changes:
            raise ValueError("the number of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_client_id(self, value: str) -> list[Invoice]:
        """Records whose client_id equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.client_id.strip().casefold() == wanted]

    def find_by_issued_on(self, value: str) -> list[Invoice]:
        """Records whose issued_on equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.issued_on.strip().casefold() == wanted]

    def only_paid(self, value: bool = True) -> list[Invoice]:
        """Records whose paid flag is `value`."""
        return [item for item in self._items.values() if item.paid is value]

    def total_net(self) -> float:
        """The sum of net over all records (0 when empty)."""
        return sum((item.net for item in self._items.values()), 0.0)

    def max_net(self) -> Invoice | None:
        """The record with the largest net (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.net > best.net:
                best = item
        return best

    def total_tax(self) -> float:
        """The sum of tax over all records (0 when empty)."""
        return sum((item.tax for item in self._items.values()), 0.0)

    def max_tax(self) -> Invoice | None:
        """The record with the largest tax (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.tax > best.tax:
                best = item
        return best

    def where(self, predicate: Callable[[Invoice], bool]) -> list[Invoice]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Invoice]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in INVOICE_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def invoices_to_csv(items: Iterable[Invoice]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=INVOICE_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def invoices_from_csv(text: str) -> list[Invoice]:
    """Parse CSV text as `invoices_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Invoice.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_invoices(items: Iterable[Invoice]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_net = [item.net for item in items]
    summary["net"] = {
        "total": sum(values_net),
        "min": min(values_net, default=None),
        "max": max(values_net, default=None),
    }
    values_tax = [item.tax for item in items]
    summary["tax"] = {
        "total": sum(values_tax),
        "min": min(values_tax, default=None),
        "max": max(values_tax, default=None),
    }
    return summary


def index_invoices(items: Iterable[Invoice]) -> dict[str, Invoice]:
    """Records keyed by number; a repeated number raises ValueError."""
    index: dict[str, Invoice] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate number {item.key()!r}")
        index[item.key()] = item
    return index


def group_invoices_by_client_id(items: Iterable[Invoice]) -> dict[str, list[Invoice]]:
    """Records grouped by client_id (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Invoice]] = {}
    for item in items:
        groups.setdefault(item.client_id, []).append(item)
    return groups


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


# --------------------------------------------------------------------------------------------------
# Bills
# --------------------------------------------------------------------------------------------------

BILL_FIELDS: tuple[str, ...] = ("reference", "vendor_id", "due_on", "amount", "approved")


@dataclass
class Bill:
    """A vendor's bill to pay.

    Attributes:
        reference: Vendor's invoice number.
        vendor_id: Vendor who sent it.
        due_on: ISO due date.
        amount: Amount to pay.
        approved: Approved for payment.
    """

    reference: str
    vendor_id: str = ""
    due_on: str = ""
    amount: float = 0.0
    approved: bool = False

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.reference.strip():
            raise ValueError("Bill.reference must not be empty")
        if self.amount < 0:
            raise ValueError(f"Bill.amount must be >= 0, got {self.amount}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its reference)."""
        return self.reference

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "reference": self.reference,
            "vendor_id": self.vendor_id,
            "due_on": self.due_on,
            "amount": self.amount,
            "approved": self.approved,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Bill":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "reference" raises KeyError.
        """
        item = cls(
            reference=str(data["reference"]),
            vendor_id=str(data.get("vendor_id", "")),
            due_on=str(data.get("due_on", "")),
            amount=_as_float(data.get("amount", 0.0)),
            approved=_as_bool(data.get("approved", False)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Bill":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Bill {self.reference}: vendor_id={self.vendor_id!r}, due_on={self.due_on!r}, amount={self.amount!r}, approved={self.approved!r}"


class BillRegistry:
    """Bill records keyed by reference, in insertion order."""

    def __init__(self, items: Iterable[Bill] = ()) -> None:
        self._items: dict[str, Bill] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Bill]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Bill) -> None:
        """Add a validated record; a reference that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate bill {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Bill:
        """The record with this reference; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no bill {key!r}") from None

    def find(self, key: str) -> Bill | None:
        """The record with this reference, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Bill:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Bill:
        """Replace fields of one record (not its reference) and return the new record."""
        if "reference" in changes:
            raise ValueError("the reference of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_vendor_id(self, value: str) -> list[Bill]:
        """Records whose vendor_id equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.vendor_id.strip().casefold() == wanted]

    def find_by_due_on(self, value: str) -> list[Bill]:
        """Records whose due_on equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.due_on.strip().casefold() == wanted]

    def only_approved(self, value: bool = True) -> list[Bill]:
        """Records whose approved flag is `value`."""
        return [item for item in self._items.values() if item.approved is value]

    def total_amount(self) -> float:
        """The sum of amount over all records (0 when empty)."""
        return sum((item.amount for item in self._items.values()), 0.0)

    def max_amount(self) -> Bill | None:
        """The record with the largest amount (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.amount > best.amount:
                best = item
        return best

    def where(self, predicate: Callable[[Bill], bool]) -> list[Bill]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Bill]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in BILL_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def bills_to_csv(items: Iterable[Bill]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=BILL_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def bills_from_csv(text: str) -> list[Bill]:
    """Parse CSV text as `bills_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Bill.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_bills(items: Iterable[Bill]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_amount = [item.amount for item in items]
    summary["amount"] = {
        "total": sum(values_amount),
        "min": min(values_amount, default=None),
        "max": max(values_amount, default=None),
    }
    return summary


def index_bills(items: Iterable[Bill]) -> dict[str, Bill]:
    """Records keyed by reference; a repeated reference raises ValueError."""
    index: dict[str, Bill] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate reference {item.key()!r}")
        index[item.key()] = item
    return index


def group_bills_by_vendor_id(items: Iterable[Bill]) -> dict[str, list[Bill]]:
    """Records grouped by vendor_id (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Bill]] = {}
    for item in items:
        groups.setdefault(item.vendor_id, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Payments
# --------------------------------------------------------------------------------------------------

PAYMENT_FIELDS: tuple[str, ...] = ("payment_id", "direction", "amount", "matched_to", "fee")


@dataclass
class Payment:
    """Money received or paid.

    Attributes:
        payment_id: Bank transaction id.
        direction: Incoming or outgoing.
        amount: Amount moved.
        matched_to: Invoice or bill it settles.
        fee: Bank fee.
    """

    payment_id: str
    direction: str = "in"
    amount: float = 0.0
    matched_to: str = ""
    fee: float = 0.0

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.payment_id.strip():
            raise ValueError("Payment.payment_id must not be empty")
        if self.direction not in ("in", "out"):
            raise ValueError(f"Payment.direction must be one of in, out, got {self.direction!r}")
        if self.amount <= 0:
            raise ValueError(f"Payment.amount must be > 0, got {self.amount}")
        if self.fee < 0:
            raise ValueError(f"Payment.fee must be >= 0, got {self.fee}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its payment_id)."""
        return self.payment_id

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "payment_id": self.payment_id,
            "direction": self.direction,
            "amount": self.amount,
            "matched_to": self.matched_to,
            "fee": self.fee,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Payment":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "payment_id" raises KeyError.
        """
        item = cls(
            payment_id=str(data["payment_id"]),
            direction=str(data.get("direction", "in")),
            amount=_as_float(data.get("amount", 0.0)),
            matched_to=str(data.get("matched_to", "")),
            fee=_as_float(data.get("fee", 0.0)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Payment":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Payment {self.payment_id}: direction={self.direction!r}, amount={self.amount!r}, matched_to={self.matched_to!r}, fee={self.fee!r}"


class PaymentRegistry:
    """Payment records keyed by payment_id, in insertion order."""

    def __init__(self, items: Iterable[Payment] = ()) -> None:
        self._items: dict[str, Payment] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Payment]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Payment) -> None:
        """Add a validated record; a payment_id that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate payment {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Payment:
        """The record with this payment_id; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no payment {key!r}") from None

    def find(self, key: str) -> Payment | None:
        """The record with this payment_id, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Payment:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Payment:
        """Replace fields of one record (not its payment_id) and return the new record."""
        if "payment_id" in changes:
            raise ValueError("the payment_id of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_direction(self, value: str) -> list[Payment]:
        """Records whose direction equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.direction.strip().casefold() == wanted]

    def find_by_matched_to(self, value: str) -> list[Payment]:
        """Records whose matched_to equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.matched_to.strip().casefold() == wanted]

    def total_amount(self) -> float:
        """The sum of amount over all records (0 when empty)."""
        return sum((item.amount for item in self._items.values()), 0.0)

    def max_amount(self) -> Payment | None:
        """The record with the largest amount (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.amount > best.amount:
                best = item
        return best

    def total_fee(self) -> float:
        """The sum of fee over all records (0 when empty)."""
        return sum((item.fee for item in self._items.values()), 0.0)

    def max_fee(self) -> Payment | None:
        """The record with the largest fee (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.fee > best.fee:
                best = item
        return best

    def where(self, predicate: Callable[[Payment], bool]) -> list[Payment]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Payment]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in PAYMENT_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def payments_to_csv(items: Iterable[Payment]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=PAYMENT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def payments_from_csv(text: str) -> list[Payment]:
    """Parse CSV text as `payments_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Payment.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_payments(items: Iterable[Payment]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_amount = [item.amount for item in items]
    summary["amount"] = {
        "total": sum(values_amount),
        "min": min(values_amount, default=None),
        "max": max(values_amount, default=None),
    }
    values_fee = [item.fee for item in items]
    summary["fee"] = {
        "total": sum(values_fee),
        "min": min(values_fee, default=None),
        "max": max(values_fee, default=None),
    }
    return summary


def index_payments(items: Iterable[Payment]) -> dict[str, Payment]:
    """Records keyed by payment_id; a repeated payment_id raises ValueError."""
    index: dict[str, Payment] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate payment_id {item.key()!r}")
        index[item.key()] = item
    return index


def group_payments_by_direction(items: Iterable[Payment]) -> dict[str, list[Payment]]:
    """Records grouped by direction (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Payment]] = {}
    for item in items:
        groups.setdefault(item.direction, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Tax codes
# --------------------------------------------------------------------------------------------------

TAX_CODE_FIELDS: tuple[str, ...] = ("code", "description", "rate", "reverse_charge")


@dataclass
class TaxCode:
    """A VAT rate used on invoices and bills.

    Attributes:
        code: Tax code.
        description: What it is for.
        rate: Rate as a fraction.
        reverse_charge: Tax paid by the buyer.
    """

    code: str
    description: str = ""
    rate: float = 0.0
    reverse_charge: bool = False

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.code.strip():
            raise ValueError("TaxCode.code must not be empty")
        if not 0.0 <= self.rate <= 1.0:
            raise ValueError(f"TaxCode.rate must be between 0.0 and 1.0, got {self.rate}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its code)."""
        return self.code

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "code": self.code,
            "description": self.description,
            "rate": self.rate,
            "reverse_charge": self.reverse_charge,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "TaxCode":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "code" raises KeyError.
        """
        item = cls(
            code=str(data["code"]),
            description=str(data.get("description", "")),
            rate=_as_float(data.get("rate", 0.0)),
            reverse_charge=_as_bool(data.get("reverse_charge", False)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "TaxCode":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"TaxCode {self.code}: description={self.description!r}, rate={self.rate!r}, reverse_charge={self.reverse_charge!r}"


class TaxCodeRegistry:
    """TaxCode records keyed by code, in insertion order."""

    def __init__(self, items: Iterable[TaxCode] = ()) -> None:
        self._items: dict[str, TaxCode] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[TaxCode]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: TaxCode) -> None:
        """Add a validated record; a code that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate taxcode {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> TaxCode:
        """The record with this code; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no taxcode {key!r}") from None

    def find(self, key: str) -> TaxCode | None:
        """The record with this code, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> TaxCode:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> TaxCode:
        """Replace fields of one record (not its code) and return the new record."""
        if "code" in changes:
            raise ValueError("the code of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_description(self, value: str) -> list[TaxCode]:
        """Records whose description equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.description.strip().casefold() == wanted]

    def only_reverse_charge(self, value: bool = True) -> list[TaxCode]:
        """Records whose reverse_charge flag is `value`."""
        return [item for item in self._items.values() if item.reverse_charge is value]

    def total_rate(self) -> float:
        """The sum of rate over all records (0 when empty)."""
        return sum((item.rate for item in self._items.values()), 0.0)

    def max_rate(self) -> TaxCode | None:
        """The record with the largest rate (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.rate > best.rate:
                best = item
        return best

    def where(self, predicate: Callable[[TaxCode], bool]) -> list[TaxCode]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[TaxCode]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in TAX_CODE_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def tax_codes_to_csv(items: Iterable[TaxCode]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=TAX_CODE_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def tax_codes_from_csv(text: str) -> list[TaxCode]:
    """Parse CSV text as `tax_codes_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [TaxCode.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_tax_codes(items: Iterable[TaxCode]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_rate = [item.rate for item in items]
    summary["rate"] = {
        "total": sum(values_rate),
        "min": min(values_rate, default=None),
        "max": max(values_rate, default=None),
    }
    return summary


def index_tax_codes(items: Iterable[TaxCode]) -> dict[str, TaxCode]:
    """Records keyed by code; a repeated code raises ValueError."""
    index: dict[str, TaxCode] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate code {item.key()!r}")
        index[item.key()] = item
    return index


def group_tax_codes_by_description(items: Iterable[TaxCode]) -> dict[str, list[TaxCode]]:
    """Records grouped by description (keys in first-seen order, records in input order)."""
    groups: dict[str, list[TaxCode]] = {}
    for item in items:
        groups.setdefault(item.description, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Cost centers
# --------------------------------------------------------------------------------------------------

COST_CENTER_FIELDS: tuple[str, ...] = ("code", "name", "manager", "headcount")


@dataclass
class CostCenter:
    """A department costs are booked to.

    Attributes:
        code: Cost center code.
        name: Department.
        manager: Who approves its costs.
        headcount: People in it.
    """

    code: str
    name: str = ""
    manager: str = ""
    headcount: int = 0

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.code.strip():
            raise ValueError("CostCenter.code must not be empty")
        if self.headcount < 0:
            raise ValueError(f"CostCenter.headcount must be >= 0, got {self.headcount}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its code)."""
        return self.code

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "code": self.code,
            "name": self.name,
            "manager": self.manager,
            "headcount": self.headcount,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "CostCenter":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "code" raises KeyError.
        """
        item = cls(
            code=str(data["code"]),
            name=str(data.get("name", "")),
            manager=str(data.get("manager", "")),
            headcount=_as_int(data.get("headcount", 0)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "CostCenter":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"CostCenter {self.code}: name={self.name!r}, manager={self.manager!r}, headcount={self.headcount!r}"


class CostCenterRegistry:
    """CostCenter records keyed by code, in insertion order."""

    def __init__(self, items: Iterable[CostCenter] = ()) -> None:
        self._items: dict[str, CostCenter] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[CostCenter]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: CostCenter) -> None:
        """Add a validated record; a code that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate costcenter {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> CostCenter:
        """The record with this code; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no costcenter {key!r}") from None

    def find(self, key: str) -> CostCenter | None:
        """The record with this code, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> CostCenter:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> CostCenter:
        """Replace fields of one record (not its code) and return the new record."""
        if "code" in changes:
            raise ValueError("the code of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_name(self, value: str) -> list[CostCenter]:
        """Records whose name equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.name.strip().casefold() == wanted]

    def find_by_manager(self, value: str) -> list[CostCenter]:
        """Records whose manager equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.manager.strip().casefold() == wanted]

    def total_headcount(self) -> int:
        """The sum of headcount over all records (0 when empty)."""
        return sum((item.headcount for item in self._items.values()), 0)

    def max_headcount(self) -> CostCenter | None:
        """The record with the largest headcount (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.headcount > best.headcount:
                best = item
        return best

    def where(self, predicate: Callable[[CostCenter], bool]) -> list[CostCenter]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[CostCenter]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in COST_CENTER_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def cost_centers_to_csv(items: Iterable[CostCenter]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COST_CENTER_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def cost_centers_from_csv(text: str) -> list[CostCenter]:
    """Parse CSV text as `cost_centers_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [CostCenter.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_cost_centers(items: Iterable[CostCenter]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_headcount = [item.headcount for item in items]
    summary["headcount"] = {
        "total": sum(values_headcount),
        "min": min(values_headcount, default=None),
        "max": max(values_headcount, default=None),
    }
    return summary


def index_cost_centers(items: Iterable[CostCenter]) -> dict[str, CostCenter]:
    """Records keyed by code; a repeated code raises ValueError."""
    index: dict[str, CostCenter] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate code {item.key()!r}")
        index[item.key()] = item
    return index


def group_cost_centers_by_name(items: Iterable[CostCenter]) -> dict[str, list[CostCenter]]:
    """Records grouped by name (keys in first-seen order, records in input order)."""
    groups: dict[str, list[CostCenter]] = {}
    for item in items:
        groups.setdefault(item.name, []).append(item)
    return groups


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
    raise NotImplementedError


def is_balanced(balances: Mapping[str, int]) -> bool:
    """Whether debits and credits cancel out (the balances add up to 0)."""
    return sum(balances.values()) == 0


# --------------------------------------------------------------------------------------------------
# Budgets
# --------------------------------------------------------------------------------------------------

BUDGET_FIELDS: tuple[str, ...] = ("budget_id", "account", "cost_center", "year", "amount")


@dataclass
class Budget:
    """A yearly budget for one account and cost center.

    Attributes:
        budget_id: Budget line id.
        account: Account number.
        cost_center: Cost center code.
        year: Budget year.
        amount: Amount budgeted.
    """

    budget_id: str
    account: str = ""
    cost_center: str = ""
    year: int = 2024
    amount: float = 0.0

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.budget_id.strip():
            raise ValueError("Budget.budget_id must not be empty")
        if not 2000 <= self.year <= 2100:
            raise ValueError(f"Budget.year must be between 2000 and 2100, got {self.year}")
        if self.amount < 0:
            raise ValueError(f"Budget.amount must be >= 0, got {self.amount}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its budget_id)."""
        return self.budget_id

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "budget_id": self.budget_id,
            "account": self.account,
            "cost_center": self.cost_center,
            "year": self.year,
            "amount": self.amount,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Budget":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "budget_id" raises KeyError.
        """
        item = cls(
            budget_id=str(data["budget_id"]),
            account=str(data.get("account", "")),
            cost_center=str(data.get("cost_center", "")),
            year=_as_int(data.get("year", 2024)),
            amount=_as_float(data.get("amount", 0.0)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Budget":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Budget {self.budget_id}: account={self.account!r}, cost_center={self.cost_center!r}, year={self.year!r}, amount={self.amount!r}"


class BudgetRegistry:
    """Budget records keyed by budget_id, in insertion order."""

    def __init__(self, items: Iterable[Budget] = ()) -> None:
        self._items: dict[str, Budget] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Budget]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Budget) -> None:
        """Add a validated record; a budget_id that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate budget {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Budget:
        """The record with this budget_id; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no budget {key!r}") from None

    def find(self, key: str) -> Budget | None:
        """The record with this budget_id, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Budget:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Budget:
        """Replace fields of one record (not its budget_id) and return the new record."""
        if "budget_id" in changes:
            raise ValueError("the budget_id of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_account(self, value: str) -> list[Budget]:
        """Records whose account equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.account.strip().casefold() == wanted]

    def find_by_cost_center(self, value: str) -> list[Budget]:
        """Records whose cost_center equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.cost_center.strip().casefold() == wanted]

    def total_year(self) -> int:
        """The sum of year over all records (0 when empty)."""
        return sum((item.year for item in self._items.values()), 0)

    def max_year(self) -> Budget | None:
        """The record with the largest year (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.year > best.year:
                best = item
        return best

    def total_amount(self) -> float:
        """The sum of amount over all records (0 when empty)."""
        return sum((item.amount for item in self._items.values()), 0.0)

    def max_amount(self) -> Budget | None:
        """The record with the largest amount (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.amount > best.amount:
                best = item
        return best

    def where(self, predicate: Callable[[Budget], bool]) -> list[Budget]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Budget]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in BUDGET_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def budgets_to_csv(items: Iterable[Budget]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=BUDGET_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def budgets_from_csv(text: str) -> list[Budget]:
    """Parse CSV text as `budgets_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Budget.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_budgets(items: Iterable[Budget]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_year = [item.year for item in items]
    summary["year"] = {
        "total": sum(values_year),
        "min": min(values_year, default=None),
        "max": max(values_year, default=None),
    }
    values_amount = [item.amount for item in items]
    summary["amount"] = {
        "total": sum(values_amount),
        "min": min(values_amount, default=None),
        "max": max(values_amount, default=None),
    }
    return summary


def index_budgets(items: Iterable[Budget]) -> dict[str, Budget]:
    """Records keyed by budget_id; a repeated budget_id raises ValueError."""
    index: dict[str, Budget] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate budget_id {item.key()!r}")
        index[item.key()] = item
    return index


def group_budgets_by_account(items: Iterable[Budget]) -> dict[str, list[Budget]]:
    """Records grouped by account (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Budget]] = {}
    for item in items:
        groups.setdefault(item.account, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Employees
# --------------------------------------------------------------------------------------------------

EMPLOYEE_FIELDS: tuple[str, ...] = ("staff_id", "name", "cost_center", "monthly_salary", "hours_per_week")


@dataclass
class Employee:
    """A member of staff on the payroll.

    Attributes:
        staff_id: Staff number.
        name: Full name.
        cost_center: Cost center code.
        monthly_salary: Gross monthly salary.
        hours_per_week: Contracted hours.
    """

    staff_id: str
    name: str = ""
    cost_center: str = ""
    monthly_salary: float = 0.0
    hours_per_week: int = 40

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.staff_id.strip():
            raise ValueError("Employee.staff_id must not be empty")
        if self.monthly_salary < 0:
            raise ValueError(f"Employee.monthly_salary must be >= 0, got {self.monthly_salary}")
        if not 1 <= self.hours_per_week <= 60:
            raise ValueError(f"Employee.hours_per_week must be between 1 and 60, got {self.hours_per_week}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its staff_id)."""
        return self.staff_id

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "staff_id": self.staff_id,
            "name": self.name,
            "cost_center": self.cost_center,
            "monthly_salary": self.monthly_salary,
            "hours_per_week": self.hours_per_week,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Employee":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "staff_id" raises KeyError.
        """
        item = cls(
            staff_id=str(data["staff_id"]),
            name=str(data.get("name", "")),
            cost_center=str(data.get("cost_center", "")),
            monthly_salary=_as_float(data.get("monthly_salary", 0.0)),
            hours_per_week=_as_int(data.get("hours_per_week", 40)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Employee":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Employee {self.staff_id}: name={self.name!r}, cost_center={self.cost_center!r}, monthly_salary={self.monthly_salary!r}, hours_per_week={self.hours_per_week!r}"


class EmployeeRegistry:
    """Employee records keyed by staff_id, in insertion order."""

    def __init__(self, items: Iterable[Employee] = ()) -> None:
        self._items: dict[str, Employee] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Employee]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Employee) -> None:
        """Add a validated record; a staff_id that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate employee {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Employee:
        """The record with this staff_id; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no employee {key!r}") from None

    def find(self, key: str) -> Employee | None:
        """The record with this staff_id, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Employee:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Employee:
        """Replace fields of one record (not its staff_id) and return the new record."""
        if "staff_id" in changes:
            raise ValueError("the staff_id of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_name(self, value: str) -> list[Employee]:
        """Records whose name equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.name.strip().casefold() == wanted]

    def find_by_cost_center(self, value: str) -> list[Employee]:
        """Records whose cost_center equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.cost_center.strip().casefold() == wanted]

    def total_monthly_salary(self) -> float:
        """The sum of monthly_salary over all records (0 when empty)."""
        return sum((item.monthly_salary for item in self._items.values()), 0.0)

    def max_monthly_salary(self) -> Employee | None:
        """The record with the largest monthly_salary (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.monthly_salary > best.monthly_salary:
                best = item
        return best

    def total_hours_per_week(self) -> int:
        """The sum of hours_per_week over all records (0 when empty)."""
        return sum((item.hours_per_week for item in self._items.values()), 0)

    def max_hours_per_week(self) -> Employee | None:
        """The record with the largest hours_per_week (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.hours_per_week > best.hours_per_week:
                best = item
        return best

    def where(self, predicate: Callable[[Employee], bool]) -> list[Employee]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Employee]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in EMPLOYEE_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def employees_to_csv(items: Iterable[Employee]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EMPLOYEE_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def employees_from_csv(text: str) -> list[Employee]:
    """Parse CSV text as `employees_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Employee.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_employees(items: Iterable[Employee]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_monthly_salary = [item.monthly_salary for item in items]
    summary["monthly_salary"] = {
        "total": sum(values_monthly_salary),
        "min": min(values_monthly_salary, default=None),
        "max": max(values_monthly_salary, default=None),
    }
    values_hours_per_week = [item.hours_per_week for item in items]
    summary["hours_per_week"] = {
        "total": sum(values_hours_per_week),
        "min": min(values_hours_per_week, default=None),
        "max": max(values_hours_per_week, default=None),
    }
    return summary


def index_employees(items: Iterable[Employee]) -> dict[str, Employee]:
    """Records keyed by staff_id; a repeated staff_id raises ValueError."""
    index: dict[str, Employee] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate staff_id {item.key()!r}")
        index[item.key()] = item
    return index


def group_employees_by_name(items: Iterable[Employee]) -> dict[str, list[Employee]]:
    """Records grouped by name (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Employee]] = {}
    for item in items:
        groups.setdefault(item.name, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Expense claims
# --------------------------------------------------------------------------------------------------

EXPENSE_CLAIM_FIELDS: tuple[str, ...] = ("claim_id", "staff_id", "category", "amount", "receipt_attached")


@dataclass
class ExpenseClaim:
    """Out-of-pocket costs an employee claims back.

    Attributes:
        claim_id: Claim number.
        staff_id: Who claims.
        category: Kind of expense.
        amount: Amount claimed.
        receipt_attached: Whether a receipt was handed in.
    """

    claim_id: str
    staff_id: str = ""
    category: str = "other"
    amount: float = 0.0
    receipt_attached: bool = False

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.claim_id.strip():
            raise ValueError("ExpenseClaim.claim_id must not be empty")
        if self.category not in ("travel", "meals", "supplies", "other"):
            raise ValueError(f"ExpenseClaim.category must be one of travel, meals, supplies, other, got {self.category!r}")
        if self.amount <= 0:
            raise ValueError(f"ExpenseClaim.amount must be > 0, got {self.amount}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its claim_id)."""
        return self.claim_id

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "claim_id": self.claim_id,
            "staff_id": self.staff_id,
            "category": self.category,
            "amount": self.amount,
            "receipt_attached": self.receipt_attached,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "ExpenseClaim":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "claim_id" raises KeyError.
        """
        item = cls(
            claim_id=str(data["claim_id"]),
            staff_id=str(data.get("staff_id", "")),
            category=str(data.get("category", "other")),
            amount=_as_float(data.get("amount", 0.0)),
            receipt_attached=_as_bool(data.get("receipt_attached", False)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "ExpenseClaim":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"ExpenseClaim {self.claim_id}: staff_id={self.staff_id!r}, category={self.category!r}, amount={self.amount!r}, receipt_attached={self.receipt_attached!r}"


class ExpenseClaimRegistry:
    """ExpenseClaim records keyed by claim_id, in insertion order."""

    def __init__(self, items: Iterable[ExpenseClaim] = ()) -> None:
        self._items: dict[str, ExpenseClaim] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[ExpenseClaim]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: ExpenseClaim) -> None:
        """Add a validated record; a claim_id that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate expenseclaim {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> ExpenseClaim:
        """The record with this claim_id; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no expenseclaim {key!r}") from None

    def find(self, key: str) -> ExpenseClaim | None:
        """The record with this claim_id, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> ExpenseClaim:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> ExpenseClaim:
        """Replace fields of one record (not its claim_id) and return the new record."""
        if "claim_id" in changes:
            raise ValueError("the claim_id of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_staff_id(self, value: str) -> list[ExpenseClaim]:
        """Records whose staff_id equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.staff_id.strip().casefold() == wanted]

    def find_by_category(self, value: str) -> list[ExpenseClaim]:
        """Records whose category equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.category.strip().casefold() == wanted]

    def only_receipt_attached(self, value: bool = True) -> list[ExpenseClaim]:
        """Records whose receipt_attached flag is `value`."""
        return [item for item in self._items.values() if item.receipt_attached is value]

    def total_amount(self) -> float:
        """The sum of amount over all records (0 when empty)."""
        return sum((item.amount for item in self._items.values()), 0.0)

    def max_amount(self) -> ExpenseClaim | None:
        """The record with the largest amount (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.amount > best.amount:
                best = item
        return best

    def where(self, predicate: Callable[[ExpenseClaim], bool]) -> list[ExpenseClaim]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[ExpenseClaim]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in EXPENSE_CLAIM_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def expense_claims_to_csv(items: Iterable[ExpenseClaim]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=EXPENSE_CLAIM_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def expense_claims_from_csv(text: str) -> list[ExpenseClaim]:
    """Parse CSV text as `expense_claims_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [ExpenseClaim.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_expense_claims(items: Iterable[ExpenseClaim]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_amount = [item.amount for item in items]
    summary["amount"] = {
        "total": sum(values_amount),
        "min": min(values_amount, default=None),
        "max": max(values_amount, default=None),
    }
    return summary


def index_expense_claims(items: Iterable[ExpenseClaim]) -> dict[str, ExpenseClaim]:
    """Records keyed by claim_id; a repeated claim_id raises ValueError."""
    index: dict[str, ExpenseClaim] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate claim_id {item.key()!r}")
        index[item.key()] = item
    return index


def group_expense_claims_by_staff_id(items: Iterable[ExpenseClaim]) -> dict[str, list[ExpenseClaim]]:
    """Records grouped by staff_id (keys in first-seen order, records in input order)."""
    groups: dict[str, list[ExpenseClaim]] = {}
    for item in items:
        groups.setdefault(item.staff_id, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Bank accounts
# --------------------------------------------------------------------------------------------------

BANK_ACCOUNT_FIELDS: tuple[str, ...] = ("iban", "bank", "ledger_account", "overdraft_limit")


@dataclass
class BankAccount:
    """A bank account of the business.

    Attributes:
        iban: Account IBAN.
        bank: Bank name.
        ledger_account: Account number in the books.
        overdraft_limit: Overdraft allowed.
    """

    iban: str
    bank: str = ""
    ledger_account: str = ""
    overdraft_limit: float = 0.0

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.iban.strip():
            raise ValueError("BankAccount.iban must not be empty")
        if self.overdraft_limit < 0:
            raise ValueError(f"BankAccount.overdraft_limit must be >= 0, got {self.overdraft_limit}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its iban)."""
        return self.iban

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "iban": self.iban,
            "bank": self.bank,
            "ledger_account": self.ledger_account,
            "overdraft_limit": self.overdraft_limit,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "BankAccount":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "iban" raises KeyError.
        """
        item = cls(
            iban=str(data["iban"]),
            bank=str(data.get("bank", "")),
            ledger_account=str(data.get("ledger_account", "")),
            overdraft_limit=_as_float(data.get("overdraft_limit", 0.0)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "BankAccount":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"BankAccount {self.iban}: bank={self.bank!r}, ledger_account={self.ledger_account!r}, overdraft_limit={self.overdraft_limit!r}"


class BankAccountRegistry:
    """BankAccount records keyed by iban, in insertion order."""

    def __init__(self, items: Iterable[BankAccount] = ()) -> None:
        self._items: dict[str, BankAccount] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[BankAccount]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: BankAccount) -> None:
        """Add a validated record; a iban that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate bankaccount {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> BankAccount:
        """The record with this iban; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no bankaccount {key!r}") from None

    def find(self, key: str) -> BankAccount | None:
        """The record with this iban, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> BankAccount:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> BankAccount:
        """Replace fields of one record (not its iban) and return the new record."""
        if "iban" in changes:
            raise ValueError("the iban of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_bank(self, value: str) -> list[BankAccount]:
        """Records whose bank equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.bank.strip().casefold() == wanted]

    def find_by_ledger_account(self, value: str) -> list[BankAccount]:
        """Records whose ledger_account equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.ledger_account.strip().casefold() == wanted]

    def total_overdraft_limit(self) -> float:
        """The sum of overdraft_limit over all records (0 when empty)."""
        return sum((item.overdraft_limit for item in self._items.values()), 0.0)

    def max_overdraft_limit(self) -> BankAccount | None:
        """The record with the largest overdraft_limit (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.overdraft_limit > best.overdraft_limit:
                best = item
        return best

    def where(self, predicate: Callable[[BankAccount], bool]) -> list[BankAccount]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[BankAccount]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in BANK_ACCOUNT_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def bank_accounts_to_csv(items: Iterable[BankAccount]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=BANK_ACCOUNT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def bank_accounts_from_csv(text: str) -> list[BankAccount]:
    """Parse CSV text as `bank_accounts_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [BankAccount.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_bank_accounts(items: Iterable[BankAccount]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_overdraft_limit = [item.overdraft_limit for item in items]
    summary["overdraft_limit"] = {
        "total": sum(values_overdraft_limit),
        "min": min(values_overdraft_limit, default=None),
        "max": max(values_overdraft_limit, default=None),
    }
    return summary


def index_bank_accounts(items: Iterable[BankAccount]) -> dict[str, BankAccount]:
    """Records keyed by iban; a repeated iban raises ValueError."""
    index: dict[str, BankAccount] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate iban {item.key()!r}")
        index[item.key()] = item
    return index


def group_bank_accounts_by_bank(items: Iterable[BankAccount]) -> dict[str, list[BankAccount]]:
    """Records grouped by bank (keys in first-seen order, records in input order)."""
    groups: dict[str, list[BankAccount]] = {}
    for item in items:
        groups.setdefault(item.bank, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Assets
# --------------------------------------------------------------------------------------------------

ASSET_FIELDS: tuple[str, ...] = ("tag", "description", "cost", "useful_life_years", "disposed")


@dataclass
class Asset:
    """A fixed asset that is depreciated.

    Attributes:
        tag: Asset tag.
        description: What it is.
        cost: Purchase cost.
        useful_life_years: Years it is depreciated over.
        disposed: Sold or scrapped.
    """

    tag: str
    description: str = ""
    cost: float = 0.0
    useful_life_years: int = 5
    disposed: bool = False

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.tag.strip():
            raise ValueError("Asset.tag must not be empty")
        if self.cost < 0:
            raise ValueError(f"Asset.cost must be >= 0, got {self.cost}")
        if not 1 <= self.useful_life_years <= 50:
            raise ValueError(f"Asset.useful_life_years must be between 1 and 50, got {self.useful_life_years}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its tag)."""
        return self.tag

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "tag": self.tag,
            "description": self.description,
            "cost": self.cost,
            "useful_life_years": self.useful_life_years,
            "disposed": self.disposed,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Asset":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "tag" raises KeyError.
        """
        item = cls(
            tag=str(data["tag"]),
            description=str(data.get("description", "")),
            cost=_as_float(data.get("cost", 0.0)),
            useful_life_years=_as_int(data.get("useful_life_years", 5)),
            disposed=_as_bool(data.get("disposed", False)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Asset":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Asset {self.tag}: description={self.description!r}, cost={self.cost!r}, useful_life_years={self.useful_life_years!r}, disposed={self.disposed!r}"


class AssetRegistry:
    """Asset records keyed by tag, in insertion order."""

    def __init__(self, items: Iterable[Asset] = ()) -> None:
        self._items: dict[str, Asset] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Asset]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Asset) -> None:
        """Add a validated record; a tag that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate asset {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Asset:
        """The record with this tag; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no asset {key!r}") from None

    def find(self, key: str) -> Asset | None:
        """The record with this tag, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Asset:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Asset:
        """Replace fields of one record (not its tag) and return the new record."""
        if "tag" in changes:
            raise ValueError("the tag of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_description(self, value: str) -> list[Asset]:
        """Records whose description equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.description.strip().casefold() == wanted]

    def only_disposed(self, value: bool = True) -> list[Asset]:
        """Records whose disposed flag is `value`."""
        return [item for item in self._items.values() if item.disposed is value]

    def total_cost(self) -> float:
        """The sum of cost over all records (0 when empty)."""
        return sum((item.cost for item in self._items.values()), 0.0)

    def max_cost(self) -> Asset | None:
        """The record with the largest cost (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.cost > best.cost:
                best = item
        return best

    def total_useful_life_years(self) -> int:
        """The sum of useful_life_years over all records (0 when empty)."""
        return sum((item.useful_life_years for item in self._items.values()), 0)

    def max_useful_life_years(self) -> Asset | None:
        """The record with the largest useful_life_years (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.useful_life_years > best.useful_life_years:
                best = item
        return best

    def where(self, predicate: Callable[[Asset], bool]) -> list[Asset]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Asset]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in ASSET_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def assets_to_csv(items: Iterable[Asset]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ASSET_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def assets_from_csv(text: str) -> list[Asset]:
    """Parse CSV text as `assets_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Asset.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_assets(items: Iterable[Asset]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_cost = [item.cost for item in items]
    summary["cost"] = {
        "total": sum(values_cost),
        "min": min(values_cost, default=None),
        "max": max(values_cost, default=None),
    }
    values_useful_life_years = [item.useful_life_years for item in items]
    summary["useful_life_years"] = {
        "total": sum(values_useful_life_years),
        "min": min(values_useful_life_years, default=None),
        "max": max(values_useful_life_years, default=None),
    }
    return summary


def index_assets(items: Iterable[Asset]) -> dict[str, Asset]:
    """Records keyed by tag; a repeated tag raises ValueError."""
    index: dict[str, Asset] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate tag {item.key()!r}")
        index[item.key()] = item
    return index


def group_assets_by_description(items: Iterable[Asset]) -> dict[str, list[Asset]]:
    """Records grouped by description (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Asset]] = {}
    for item in items:
        groups.setdefault(item.description, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Periods
# --------------------------------------------------------------------------------------------------

PERIOD_FIELDS: tuple[str, ...] = ("label", "status", "postings", "closed_by")


@dataclass
class Period:
    """An accounting period.

    Attributes:
        label: Period label such as "2024-04".
        status: Whether postings are still allowed.
        postings: Entries posted in it.
        closed_by: Who closed it.
    """

    label: str
    status: str = "open"
    postings: int = 0
    closed_by: str = ""

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.label.strip():
            raise ValueError("Period.label must not be empty")
        if self.status not in ("open", "closing", "closed"):
            raise ValueError(f"Period.status must be one of open, closing, closed, got {self.status!r}")
        if self.postings < 0:
            raise ValueError(f"Period.postings must be >= 0, got {self.postings}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its label)."""
        return self.label

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "label": self.label,
            "status": self.status,
            "postings": self.postings,
            "closed_by": self.closed_by,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Period":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "label" raises KeyError.
        """
        item = cls(
            label=str(data["label"]),
            status=str(data.get("status", "open")),
            postings=_as_int(data.get("postings", 0)),
            closed_by=str(data.get("closed_by", "")),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Period":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Period {self.label}: status={self.status!r}, postings={self.postings!r}, closed_by={self.closed_by!r}"


class PeriodRegistry:
    """Period records keyed by label, in insertion order."""

    def __init__(self, items: Iterable[Period] = ()) -> None:
        self._items: dict[str, Period] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Period]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Period) -> None:
        """Add a validated record; a label that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate period {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Period:
        """The record with this label; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no period {key!r}") from None

    def find(self, key: str) -> Period | None:
        """The record with this label, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Period:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Period:
        """Replace fields of one record (not its label) and return the new record."""
        if "label" in changes:
            raise ValueError("the label of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_status(self, value: str) -> list[Period]:
        """Records whose status equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.status.strip().casefold() == wanted]

    def find_by_closed_by(self, value: str) -> list[Period]:
        """Records whose closed_by equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.closed_by.strip().casefold() == wanted]

    def total_postings(self) -> int:
        """The sum of postings over all records (0 when empty)."""
        return sum((item.postings for item in self._items.values()), 0)

    def max_postings(self) -> Period | None:
        """The record with the largest postings (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.postings > best.postings:
                best = item
        return best

    def where(self, predicate: Callable[[Period], bool]) -> list[Period]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Period]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in PERIOD_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def periods_to_csv(items: Iterable[Period]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=PERIOD_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def periods_from_csv(text: str) -> list[Period]:
    """Parse CSV text as `periods_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Period.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_periods(items: Iterable[Period]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_postings = [item.postings for item in items]
    summary["postings"] = {
        "total": sum(values_postings),
        "min": min(values_postings, default=None),
        "max": max(values_postings, default=None),
    }
    return summary


def index_periods(items: Iterable[Period]) -> dict[str, Period]:
    """Records keyed by label; a repeated label raises ValueError."""
    index: dict[str, Period] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate label {item.key()!r}")
        index[item.key()] = item
    return index


def group_periods_by_status(items: Iterable[Period]) -> dict[str, list[Period]]:
    """Records grouped by status (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Period]] = {}
    for item in items:
        groups.setdefault(item.status, []).append(item)
    return groups


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
