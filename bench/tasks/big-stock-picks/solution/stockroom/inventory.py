"""Warehouse inventory toolkit.

Records for everything the warehouse tracks (suppliers, products, bins, lots, orders, counts,
transfers ...), each with validation, CSV import/export, an in-memory registry and a summary,
plus the stock arithmetic the warehouse runs on: location codes, reorder points, FIFO costing
and pick lists.

All money amounts are floats in the warehouse currency; all quantities are whole units.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
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


# ----------------------------------------------------------------------------------------------------
# Location codes
# ----------------------------------------------------------------------------------------------------


def normalize_location(code: str) -> str:
    """The canonical form of a bin location code.

    A location is an aisle (one or two ASCII letters), a rack number and a shelf number, separated
    by "-", "." or spaces (one or more), as staff type them: "b-3-12", "B.03.12" and " b 3 12 " all
    give "B-03-12". The aisle is upper-cased; rack and shelf must be whole numbers from 1 to 99 and
    are written with two digits. Anything else raises ValueError.

    >>> normalize_location("b-3-12")
    'B-03-12'
    """
    parts = [part for part in re.split(r"[-.\s]+", code.strip()) if part]
    if len(parts) != 3:
        raise ValueError(f"not a location code: {code!r}")
    aisle, rack, shelf = parts
    if not (aisle.isascii() and aisle.isalpha() and 1 <= len(aisle) <= 2):
        raise ValueError(f"bad aisle in {code!r}")
    if not (rack.isascii() and rack.isdigit() and shelf.isascii() and shelf.isdigit()):
        raise ValueError(f"rack and shelf must be numbers in {code!r}")
    rack_number, shelf_number = int(rack), int(shelf)
    if not (1 <= rack_number <= 99 and 1 <= shelf_number <= 99):
        raise ValueError(f"rack and shelf must be 1 to 99 in {code!r}")
    return f"{aisle.upper()}-{rack_number:02d}-{shelf_number:02d}"


def same_aisle(first: str, second: str) -> bool:
    """Whether two location codes (canonical form) are in the same aisle."""
    return first.split("-", 1)[0] == second.split("-", 1)[0]


def walking_order(locations: Iterable[str]) -> list[str]:
    """Canonical location codes in the order a picker walks past them: aisle, rack, shelf."""

    def position(code: str) -> tuple[str, int, int]:
        aisle, rack, shelf = code.split("-")
        return aisle, int(rack), int(shelf)

    return sorted(locations, key=position)


# --------------------------------------------------------------------------------------------------
# Suppliers
# --------------------------------------------------------------------------------------------------

SUPPLIER_FIELDS: tuple[str, ...] = ("code", "name", "country", "lead_time_days", "min_order_value", "preferred")


@dataclass
class Supplier:
    """A company the warehouse buys stock from.

    Attributes:
        code: Short unique code such as "ACME".
        name: Registered company name.
        country: ISO country code.
        lead_time_days: Days between ordering and delivery.
        min_order_value: Smallest order the supplier accepts.
        preferred: Whether buyers should pick this supplier first.
    """

    code: str
    name: str = ""
    country: str = ""
    lead_time_days: int = 7
    min_order_value: float = 0.0
    preferred: bool = False

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.code.strip():
            raise ValueError("Supplier.code must not be empty")
        if self.lead_time_days < 0:
            raise ValueError(f"Supplier.lead_time_days must be >= 0, got {self.lead_time_days}")
        if self.min_order_value < 0:
            raise ValueError(f"Supplier.min_order_value must be >= 0, got {self.min_order_value}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its code)."""
        return self.code

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "code": self.code,
            "name": self.name,
            "country": self.country,
            "lead_time_days": self.lead_time_days,
            "min_order_value": self.min_order_value,
            "preferred": self.preferred,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Supplier":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "code" raises KeyError.
        """
        item = cls(
            code=str(data["code"]),
            name=str(data.get("name", "")),
            country=str(data.get("country", "")),
            lead_time_days=_as_int(data.get("lead_time_days", 7)),
            min_order_value=_as_float(data.get("min_order_value", 0.0)),
            preferred=_as_bool(data.get("preferred", False)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Supplier":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Supplier {self.code}: name={self.name!r}, country={self.country!r}, lead_time_days={self.lead_time_days!r}, min_order_value={self.min_order_value!r}, preferred={self.preferred!r}"


class SupplierRegistry:
    """Supplier records keyed by code, in insertion order."""

    def __init__(self, items: Iterable[Supplier] = ()) -> None:
        self._items: dict[str, Supplier] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Supplier]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Supplier) -> None:
        """Add a validated record; a code that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate supplier {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Supplier:
        """The record with this code; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no supplier {key!r}") from None

    def find(self, key: str) -> Supplier | None:
        """The record with this code, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Supplier:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Supplier:
        """Replace fields of one record (not its code) and return the new record."""
        if "code" in changes:
            raise ValueError("the code of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_name(self, value: str) -> list[Supplier]:
        """Records whose name equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.name.strip().casefold() == wanted]

    def find_by_country(self, value: str) -> list[Supplier]:
        """Records whose country equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.country.strip().casefold() == wanted]

    def only_preferred(self, value: bool = True) -> list[Supplier]:
        """Records whose preferred flag is `value`."""
        return [item for item in self._items.values() if item.preferred is value]

    def total_lead_time_days(self) -> int:
        """The sum of lead_time_days over all records (0 when empty)."""
        return sum((item.lead_time_days for item in self._items.values()), 0)

    def max_lead_time_days(self) -> Supplier | None:
        """The record with the largest lead_time_days (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.lead_time_days > best.lead_time_days:
                best = item
        return best

    def total_min_order_value(self) -> float:
        """The sum of min_order_value over all records (0 when empty)."""
        return sum((item.min_order_value for item in self._items.values()), 0.0)

    def max_min_order_value(self) -> Supplier | None:
        """The record with the largest min_order_value (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.min_order_value > best.min_order_value:
                best = item
        return best

    def where(self, predicate: Callable[[Supplier], bool]) -> list[Supplier]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Supplier]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in SUPPLIER_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def suppliers_to_csv(items: Iterable[Supplier]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SUPPLIER_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def suppliers_from_csv(text: str) -> list[Supplier]:
    """Parse CSV text as `suppliers_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Supplier.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_suppliers(items: Iterable[Supplier]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_lead_time_days = [item.lead_time_days for item in items]
    summary["lead_time_days"] = {
        "total": sum(values_lead_time_days),
        "min": min(values_lead_time_days, default=None),
        "max": max(values_lead_time_days, default=None),
    }
    values_min_order_value = [item.min_order_value for item in items]
    summary["min_order_value"] = {
        "total": sum(values_min_order_value),
        "min": min(values_min_order_value, default=None),
        "max": max(values_min_order_value, default=None),
    }
    return summary


def index_suppliers(items: Iterable[Supplier]) -> dict[str, Supplier]:
    """Records keyed by code; a repeated code raises ValueError."""
    index: dict[str, Supplier] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate code {item.key()!r}")
        index[item.key()] = item
    return index


def group_suppliers_by_name(items: Iterable[Supplier]) -> dict[str, list[Supplier]]:
    """Records grouped by name (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Supplier]] = {}
    for item in items:
        groups.setdefault(item.name, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Products
# --------------------------------------------------------------------------------------------------

PRODUCT_FIELDS: tuple[str, ...] = ("sku", "description", "category", "unit_cost", "unit_price", "weight_kg", "discontinued")


@dataclass
class Product:
    """A stock-keeping unit the warehouse stores.

    Attributes:
        sku: Stock-keeping unit code.
        description: What the product is.
        category: Product category used in reports.
        unit_cost: Purchase price of one unit.
        unit_price: Selling price of one unit.
        weight_kg: Weight of one unit in kilograms.
        discontinued: No longer reordered.
    """

    sku: str
    description: str = ""
    category: str = "general"
    unit_cost: float = 0.0
    unit_price: float = 0.0
    weight_kg: float = 0.0
    discontinued: bool = False

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.sku.strip():
            raise ValueError("Product.sku must not be empty")
        if self.unit_cost < 0:
            raise ValueError(f"Product.unit_cost must be >= 0, got {self.unit_cost}")
        if self.unit_price < 0:
            raise ValueError(f"Product.unit_price must be >= 0, got {self.unit_price}")
        if self.weight_kg < 0:
            raise ValueError(f"Product.weight_kg must be >= 0, got {self.weight_kg}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its sku)."""
        return self.sku

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "sku": self.sku,
            "description": self.description,
            "category": self.category,
            "unit_cost": self.unit_cost,
            "unit_price": self.unit_price,
            "weight_kg": self.weight_kg,
            "discontinued": self.discontinued,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Product":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "sku" raises KeyError.
        """
        item = cls(
            sku=str(data["sku"]),
            description=str(data.get("description", "")),
            category=str(data.get("category", "general")),
            unit_cost=_as_float(data.get("unit_cost", 0.0)),
            unit_price=_as_float(data.get("unit_price", 0.0)),
            weight_kg=_as_float(data.get("weight_kg", 0.0)),
            discontinued=_as_bool(data.get("discontinued", False)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Product":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Product {self.sku}: description={self.description!r}, category={self.category!r}, unit_cost={self.unit_cost!r}, unit_price={self.unit_price!r}, weight_kg={self.weight_kg!r}, discontinued={self.discontinued!r}"


class ProductRegistry:
    """Product records keyed by sku, in insertion order."""

    def __init__(self, items: Iterable[Product] = ()) -> None:
        self._items: dict[str, Product] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Product]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Product) -> None:
        """Add a validated record; a sku that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate product {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Product:
        """The record with this sku; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no product {key!r}") from None

    def find(self, key: str) -> Product | None:
        """The record with this sku, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Product:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Product:
        """Replace fields of one record (not its sku) and return the new record."""
        if "sku" in changes:
            raise ValueError("the sku of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_description(self, value: str) -> list[Product]:
        """Records whose description equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.description.strip().casefold() == wanted]

    def find_by_category(self, value: str) -> list[Product]:
        """Records whose category equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.category.strip().casefold() == wanted]

    def only_discontinued(self, value: bool = True) -> list[Product]:
        """Records whose discontinued flag is `value`."""
        return [item for item in self._items.values() if item.discontinued is value]

    def total_unit_cost(self) -> float:
        """The sum of unit_cost over all records (0 when empty)."""
        return sum((item.unit_cost for item in self._items.values()), 0.0)

    def max_unit_cost(self) -> Product | None:
        """The record with the largest unit_cost (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.unit_cost > best.unit_cost:
                best = item
        return best

    def total_unit_price(self) -> float:
        """The sum of unit_price over all records (0 when empty)."""
        return sum((item.unit_price for item in self._items.values()), 0.0)

    def max_unit_price(self) -> Product | None:
        """The record with the largest unit_price (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.unit_price > best.unit_price:
                best = item
        return best

    def total_weight_kg(self) -> float:
        """The sum of weight_kg over all records (0 when empty)."""
        return sum((item.weight_kg for item in self._items.values()), 0.0)

    def max_weight_kg(self) -> Product | None:
        """The record with the largest weight_kg (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.weight_kg > best.weight_kg:
                best = item
        return best

    def where(self, predicate: Callable[[Product], bool]) -> list[Product]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Product]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in PRODUCT_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def products_to_csv(items: Iterable[Product]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=PRODUCT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def products_from_csv(text: str) -> list[Product]:
    """Parse CSV text as `products_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Product.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_products(items: Iterable[Product]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_unit_cost = [item.unit_cost for item in items]
    summary["unit_cost"] = {
        "total": sum(values_unit_cost),
        "min": min(values_unit_cost, default=None),
        "max": max(values_unit_cost, default=None),
    }
    values_unit_price = [item.unit_price for item in items]
    summary["unit_price"] = {
        "total": sum(values_unit_price),
        "min": min(values_unit_price, default=None),
        "max": max(values_unit_price, default=None),
    }
    values_weight_kg = [item.weight_kg for item in items]
    summary["weight_kg"] = {
        "total": sum(values_weight_kg),
        "min": min(values_weight_kg, default=None),
        "max": max(values_weight_kg, default=None),
    }
    return summary


def index_products(items: Iterable[Product]) -> dict[str, Product]:
    """Records keyed by sku; a repeated sku raises ValueError."""
    index: dict[str, Product] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate sku {item.key()!r}")
        index[item.key()] = item
    return index


def group_products_by_description(items: Iterable[Product]) -> dict[str, list[Product]]:
    """Records grouped by description (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Product]] = {}
    for item in items:
        groups.setdefault(item.description, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Bins
# --------------------------------------------------------------------------------------------------

BIN_FIELDS: tuple[str, ...] = ("location", "zone", "capacity_units", "max_weight_kg", "pickable")


@dataclass
class Bin:
    """A storage location on a shelf.

    Attributes:
        location: Location code such as "B-03-12".
        zone: Warehouse zone.
        capacity_units: How many units fit.
        max_weight_kg: Load limit of the shelf.
        pickable: Whether pickers may take stock from it.
    """

    location: str
    zone: str = "dry"
    capacity_units: int = 100
    max_weight_kg: float = 50.0
    pickable: bool = True

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.location.strip():
            raise ValueError("Bin.location must not be empty")
        if self.zone not in ("dry", "cold", "frozen", "bulk"):
            raise ValueError(f"Bin.zone must be one of dry, cold, frozen, bulk, got {self.zone!r}")
        if self.capacity_units <= 0:
            raise ValueError(f"Bin.capacity_units must be > 0, got {self.capacity_units}")
        if self.max_weight_kg <= 0:
            raise ValueError(f"Bin.max_weight_kg must be > 0, got {self.max_weight_kg}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its location)."""
        return self.location

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "location": self.location,
            "zone": self.zone,
            "capacity_units": self.capacity_units,
            "max_weight_kg": self.max_weight_kg,
            "pickable": self.pickable,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Bin":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "location" raises KeyError.
        """
        item = cls(
            location=str(data["location"]),
            zone=str(data.get("zone", "dry")),
            capacity_units=_as_int(data.get("capacity_units", 100)),
            max_weight_kg=_as_float(data.get("max_weight_kg", 50.0)),
            pickable=_as_bool(data.get("pickable", True)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Bin":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Bin {self.location}: zone={self.zone!r}, capacity_units={self.capacity_units!r}, max_weight_kg={self.max_weight_kg!r}, pickable={self.pickable!r}"


class BinRegistry:
    """Bin records keyed by location, in insertion order."""

    def __init__(self, items: Iterable[Bin] = ()) -> None:
        self._items: dict[str, Bin] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Bin]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Bin) -> None:
        """Add a validated record; a location that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate bin {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Bin:
        """The record with this location; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no bin {key!r}") from None

    def find(self, key: str) -> Bin | None:
        """The record with this location, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Bin:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Bin:
        """Replace fields of one record (not its location) and return the new record."""
        if "location" in changes:
            raise ValueError("the location of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_zone(self, value: str) -> list[Bin]:
        """Records whose zone equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.zone.strip().casefold() == wanted]

    def only_pickable(self, value: bool = True) -> list[Bin]:
        """Records whose pickable flag is `value`."""
        return [item for item in self._items.values() if item.pickable is value]

    def total_capacity_units(self) -> int:
        """The sum of capacity_units over all records (0 when empty)."""
        return sum((item.capacity_units for item in self._items.values()), 0)

    def max_capacity_units(self) -> Bin | None:
        """The record with the largest capacity_units (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.capacity_units > best.capacity_units:
                best = item
        return best

    def total_max_weight_kg(self) -> float:
        """The sum of max_weight_kg over all records (0 when empty)."""
        return sum((item.max_weight_kg for item in self._items.values()), 0.0)

    def max_max_weight_kg(self) -> Bin | None:
        """The record with the largest max_weight_kg (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.max_weight_kg > best.max_weight_kg:
                best = item
        return best

    def where(self, predicate: Callable[[Bin], bool]) -> list[Bin]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Bin]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in BIN_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def bins_to_csv(items: Iterable[Bin]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=BIN_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def bins_from_csv(text: str) -> list[Bin]:
    """Parse CSV text as `bins_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Bin.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_bins(items: Iterable[Bin]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_capacity_units = [item.capacity_units for item in items]
    summary["capacity_units"] = {
        "total": sum(values_capacity_units),
        "min": min(values_capacity_units, default=None),
        "max": max(values_capacity_units, default=None),
    }
    values_max_weight_kg = [item.max_weight_kg for item in items]
    summary["max_weight_kg"] = {
        "total": sum(values_max_weight_kg),
        "min": min(values_max_weight_kg, default=None),
        "max": max(values_max_weight_kg, default=None),
    }
    return summary


def index_bins(items: Iterable[Bin]) -> dict[str, Bin]:
    """Records keyed by location; a repeated location raises ValueError."""
    index: dict[str, Bin] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate location {item.key()!r}")
        index[item.key()] = item
    return index


def group_bins_by_zone(items: Iterable[Bin]) -> dict[str, list[Bin]]:
    """Records grouped by zone (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Bin]] = {}
    for item in items:
        groups.setdefault(item.zone, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Lots
# --------------------------------------------------------------------------------------------------

LOT_FIELDS: tuple[str, ...] = ("lot_id", "sku", "units", "unit_cost", "received_on")


@dataclass
class Lot:
    """A batch of one product received together.

    Attributes:
        lot_id: Lot number printed on the labels.
        sku: Product of the lot.
        units: Units still in the lot.
        unit_cost: Cost of one unit of this lot.
        received_on: ISO date of receipt.
    """

    lot_id: str
    sku: str = ""
    units: int = 0
    unit_cost: float = 0.0
    received_on: str = ""

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.lot_id.strip():
            raise ValueError("Lot.lot_id must not be empty")
        if self.units < 0:
            raise ValueError(f"Lot.units must be >= 0, got {self.units}")
        if self.unit_cost < 0:
            raise ValueError(f"Lot.unit_cost must be >= 0, got {self.unit_cost}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its lot_id)."""
        return self.lot_id

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "lot_id": self.lot_id,
            "sku": self.sku,
            "units": self.units,
            "unit_cost": self.unit_cost,
            "received_on": self.received_on,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Lot":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "lot_id" raises KeyError.
        """
        item = cls(
            lot_id=str(data["lot_id"]),
            sku=str(data.get("sku", "")),
            units=_as_int(data.get("units", 0)),
            unit_cost=_as_float(data.get("unit_cost", 0.0)),
            received_on=str(data.get("received_on", "")),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Lot":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Lot {self.lot_id}: sku={self.sku!r}, units={self.units!r}, unit_cost={self.unit_cost!r}, received_on={self.received_on!r}"


class LotRegistry:
    """Lot records keyed by lot_id, in insertion order."""

    def __init__(self, items: Iterable[Lot] = ()) -> None:
        self._items: dict[str, Lot] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Lot]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Lot) -> None:
        """Add a validated record; a lot_id that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate lot {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Lot:
        """The record with this lot_id; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no lot {key!r}") from None

    def find(self, key: str) -> Lot | None:
        """The record with this lot_id, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Lot:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Lot:
        """Replace fields of one record (not its lot_id) and return the new record."""
        if "lot_id" in changes:
            raise ValueError("the lot_id of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_sku(self, value: str) -> list[Lot]:
        """Records whose sku equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.sku.strip().casefold() == wanted]

    def find_by_received_on(self, value: str) -> list[Lot]:
        """Records whose received_on equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.received_on.strip().casefold() == wanted]

    def total_units(self) -> int:
        """The sum of units over all records (0 when empty)."""
        return sum((item.units for item in self._items.values()), 0)

    def max_units(self) -> Lot | None:
        """The record with the largest units (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.units > best.units:
                best = item
        return best

    def total_unit_cost(self) -> float:
        """The sum of unit_cost over all records (0 when empty)."""
        return sum((item.unit_cost for item in self._items.values()), 0.0)

    def max_unit_cost(self) -> Lot | None:
        """The record with the largest unit_cost (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.unit_cost > best.unit_cost:
                best = item
        return best

    def where(self, predicate: Callable[[Lot], bool]) -> list[Lot]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Lot]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in LOT_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def lots_to_csv(items: Iterable[Lot]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=LOT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def lots_from_csv(text: str) -> list[Lot]:
    """Parse CSV text as `lots_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Lot.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_lots(items: Iterable[Lot]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_units = [item.units for item in items]
    summary["units"] = {
        "total": sum(values_units),
        "min": min(values_units, default=None),
        "max": max(values_units, default=None),
    }
    values_unit_cost = [item.unit_cost for item in items]
    summary["unit_cost"] = {
        "total": sum(values_unit_cost),
        "min": min(values_unit_cost, default=None),
        "max": max(values_unit_cost, default=None),
    }
    return summary


def index_lots(items: Iterable[Lot]) -> dict[str, Lot]:
    """Records keyed by lot_id; a repeated lot_id raises ValueError."""
    index: dict[str, Lot] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate lot_id {item.key()!r}")
        index[item.key()] = item
    return index


def group_lots_by_sku(items: Iterable[Lot]) -> dict[str, list[Lot]]:
    """Records grouped by sku (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Lot]] = {}
    for item in items:
        groups.setdefault(item.sku, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Purchase orders
# --------------------------------------------------------------------------------------------------

PURCHASE_ORDER_FIELDS: tuple[str, ...] = ("number", "supplier", "status", "lines", "total")


@dataclass
class PurchaseOrder:
    """An order placed with a supplier.

    Attributes:
        number: Purchase order number.
        supplier: Supplier code.
        status: Where the order is.
        lines: Number of order lines.
        total: Order value.
    """

    number: str
    supplier: str = ""
    status: str = "draft"
    lines: int = 0
    total: float = 0.0

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.number.strip():
            raise ValueError("PurchaseOrder.number must not be empty")
        if self.status not in ("draft", "open", "received", "cancelled"):
            raise ValueError(f"PurchaseOrder.status must be one of draft, open, received, cancelled, got {self.status!r}")
        if self.lines < 0:
            raise ValueError(f"PurchaseOrder.lines must be >= 0, got {self.lines}")
        if self.total < 0:
            raise ValueError(f"PurchaseOrder.total must be >= 0, got {self.total}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its number)."""
        return self.number

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "number": self.number,
            "supplier": self.supplier,
            "status": self.status,
            "lines": self.lines,
            "total": self.total,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "PurchaseOrder":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "number" raises KeyError.
        """
        item = cls(
            number=str(data["number"]),
            supplier=str(data.get("supplier", "")),
            status=str(data.get("status", "draft")),
            lines=_as_int(data.get("lines", 0)),
            total=_as_float(data.get("total", 0.0)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "PurchaseOrder":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"PurchaseOrder {self.number}: supplier={self.supplier!r}, status={self.status!r}, lines={self.lines!r}, total={self.total!r}"


class PurchaseOrderRegistry:
    """PurchaseOrder records keyed by number, in insertion order."""

    def __init__(self, items: Iterable[PurchaseOrder] = ()) -> None:
        self._items: dict[str, PurchaseOrder] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[PurchaseOrder]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: PurchaseOrder) -> None:
        """Add a validated record; a number that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate purchaseorder {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> PurchaseOrder:
        """The record with this number; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no purchaseorder {key!r}") from None

    def find(self, key: str) -> PurchaseOrder | None:
        """The record with this number, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> PurchaseOrder:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> PurchaseOrder:
        """Replace fields of one record (not its number) and return the new record."""
        if "number" in changes:
            raise ValueError("the number of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_supplier(self, value: str) -> list[PurchaseOrder]:
        """Records whose supplier equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.supplier.strip().casefold() == wanted]

    def find_by_status(self, value: str) -> list[PurchaseOrder]:
        """Records whose status equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.status.strip().casefold() == wanted]

    def total_lines(self) -> int:
        """The sum of lines over all records (0 when empty)."""
        return sum((item.lines for item in self._items.values()), 0)

    def max_lines(self) -> PurchaseOrder | None:
        """The record with the largest lines (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.lines > best.lines:
                best = item
        return best

    def total_total(self) -> float:
        """The sum of total over all records (0 when empty)."""
        return sum((item.total for item in self._items.values()), 0.0)

    def max_total(self) -> PurchaseOrder | None:
        """The record with the largest total (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.total > best.total:
                best = item
        return best

    def where(self, predicate: Callable[[PurchaseOrder], bool]) -> list[PurchaseOrder]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[PurchaseOrder]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in PURCHASE_ORDER_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def purchase_orders_to_csv(items: Iterable[PurchaseOrder]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=PURCHASE_ORDER_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def purchase_orders_from_csv(text: str) -> list[PurchaseOrder]:
    """Parse CSV text as `purchase_orders_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [PurchaseOrder.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_purchase_orders(items: Iterable[PurchaseOrder]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_lines = [item.lines for item in items]
    summary["lines"] = {
        "total": sum(values_lines),
        "min": min(values_lines, default=None),
        "max": max(values_lines, default=None),
    }
    values_total = [item.total for item in items]
    summary["total"] = {
        "total": sum(values_total),
        "min": min(values_total, default=None),
        "max": max(values_total, default=None),
    }
    return summary


def index_purchase_orders(items: Iterable[PurchaseOrder]) -> dict[str, PurchaseOrder]:
    """Records keyed by number; a repeated number raises ValueError."""
    index: dict[str, PurchaseOrder] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate number {item.key()!r}")
        index[item.key()] = item
    return index


def group_purchase_orders_by_supplier(items: Iterable[PurchaseOrder]) -> dict[str, list[PurchaseOrder]]:
    """Records grouped by supplier (keys in first-seen order, records in input order)."""
    groups: dict[str, list[PurchaseOrder]] = {}
    for item in items:
        groups.setdefault(item.supplier, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Receipts
# --------------------------------------------------------------------------------------------------

RECEIPT_FIELDS: tuple[str, ...] = ("receipt_id", "order_number", "units", "damaged_units", "checked_by")


@dataclass
class Receipt:
    """Goods received against a purchase order.

    Attributes:
        receipt_id: Goods-in number.
        order_number: Purchase order received against.
        units: Units received.
        damaged_units: Units refused as damaged.
        checked_by: Initials of the checker.
    """

    receipt_id: str
    order_number: str = ""
    units: int = 0
    damaged_units: int = 0
    checked_by: str = ""

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.receipt_id.strip():
            raise ValueError("Receipt.receipt_id must not be empty")
        if self.units < 0:
            raise ValueError(f"Receipt.units must be >= 0, got {self.units}")
        if self.damaged_units < 0:
            raise ValueError(f"Receipt.damaged_units must be >= 0, got {self.damaged_units}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its receipt_id)."""
        return self.receipt_id

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "receipt_id": self.receipt_id,
            "order_number": self.order_number,
            "units": self.units,
            "damaged_units": self.damaged_units,
            "checked_by": self.checked_by,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Receipt":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "receipt_id" raises KeyError.
        """
        item = cls(
            receipt_id=str(data["receipt_id"]),
            order_number=str(data.get("order_number", "")),
            units=_as_int(data.get("units", 0)),
            damaged_units=_as_int(data.get("damaged_units", 0)),
            checked_by=str(data.get("checked_by", "")),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Receipt":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Receipt {self.receipt_id}: order_number={self.order_number!r}, units={self.units!r}, damaged_units={self.damaged_units!r}, checked_by={self.checked_by!r}"


class ReceiptRegistry:
    """Receipt records keyed by receipt_id, in insertion order."""

    def __init__(self, items: Iterable[Receipt] = ()) -> None:
        self._items: dict[str, Receipt] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Receipt]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Receipt) -> None:
        """Add a validated record; a receipt_id that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate receipt {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Receipt:
        """The record with this receipt_id; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no receipt {key!r}") from None

    def find(self, key: str) -> Receipt | None:
        """The record with this receipt_id, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Receipt:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Receipt:
        """Replace fields of one record (not its receipt_id) and return the new record."""
        if "receipt_id" in changes:
            raise ValueError("the receipt_id of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_order_number(self, value: str) -> list[Receipt]:
        """Records whose order_number equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.order_number.strip().casefold() == wanted]

    def find_by_checked_by(self, value: str) -> list[Receipt]:
        """Records whose checked_by equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.checked_by.strip().casefold() == wanted]

    def total_units(self) -> int:
        """The sum of units over all records (0 when empty)."""
        return sum((item.units for item in self._items.values()), 0)

    def max_units(self) -> Receipt | None:
        """The record with the largest units (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.units > best.units:
                best = item
        return best

    def total_damaged_units(self) -> int:
        """The sum of damaged_units over all records (0 when empty)."""
        return sum((item.damaged_units for item in self._items.values()), 0)

    def max_damaged_units(self) -> Receipt | None:
        """The record with the largest damaged_units (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.damaged_units > best.damaged_units:
                best = item
        return best

    def where(self, predicate: Callable[[Receipt], bool]) -> list[Receipt]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Receipt]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in RECEIPT_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def receipts_to_csv(items: Iterable[Receipt]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=RECEIPT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def receipts_from_csv(text: str) -> list[Receipt]:
    """Parse CSV text as `receipts_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Receipt.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_receipts(items: Iterable[Receipt]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_units = [item.units for item in items]
    summary["units"] = {
        "total": sum(values_units),
        "min": min(values_units, default=None),
        "max": max(values_units, default=None),
    }
    values_damaged_units = [item.damaged_units for item in items]
    summary["damaged_units"] = {
        "total": sum(values_damaged_units),
        "min": min(values_damaged_units, default=None),
        "max": max(values_damaged_units, default=None),
    }
    return summary


def index_receipts(items: Iterable[Receipt]) -> dict[str, Receipt]:
    """Records keyed by receipt_id; a repeated receipt_id raises ValueError."""
    index: dict[str, Receipt] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate receipt_id {item.key()!r}")
        index[item.key()] = item
    return index


def group_receipts_by_order_number(items: Iterable[Receipt]) -> dict[str, list[Receipt]]:
    """Records grouped by order_number (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Receipt]] = {}
    for item in items:
        groups.setdefault(item.order_number, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Carriers
# --------------------------------------------------------------------------------------------------

CARRIER_FIELDS: tuple[str, ...] = ("code", "service", "cutoff_hour", "cost_per_kg", "tracking")


@dataclass
class Carrier:
    """A parcel or freight company.

    Attributes:
        code: Carrier code.
        service: Service level.
        cutoff_hour: Last hour for same-day collection.
        cost_per_kg: Price per kilogram.
        tracking: Whether parcels are tracked.
    """

    code: str
    service: str = "standard"
    cutoff_hour: int = 17
    cost_per_kg: float = 0.0
    tracking: bool = True

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.code.strip():
            raise ValueError("Carrier.code must not be empty")
        if not 0 <= self.cutoff_hour <= 23:
            raise ValueError(f"Carrier.cutoff_hour must be between 0 and 23, got {self.cutoff_hour}")
        if self.cost_per_kg < 0:
            raise ValueError(f"Carrier.cost_per_kg must be >= 0, got {self.cost_per_kg}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its code)."""
        return self.code

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "code": self.code,
            "service": self.service,
            "cutoff_hour": self.cutoff_hour,
            "cost_per_kg": self.cost_per_kg,
            "tracking": self.tracking,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Carrier":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "code" raises KeyError.
        """
        item = cls(
            code=str(data["code"]),
            service=str(data.get("service", "standard")),
            cutoff_hour=_as_int(data.get("cutoff_hour", 17)),
            cost_per_kg=_as_float(data.get("cost_per_kg", 0.0)),
            tracking=_as_bool(data.get("tracking", True)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Carrier":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Carrier {self.code}: service={self.service!r}, cutoff_hour={self.cutoff_hour!r}, cost_per_kg={self.cost_per_kg!r}, tracking={self.tracking!r}"


class CarrierRegistry:
    """Carrier records keyed by code, in insertion order."""

    def __init__(self, items: Iterable[Carrier] = ()) -> None:
        self._items: dict[str, Carrier] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Carrier]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Carrier) -> None:
        """Add a validated record; a code that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate carrier {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Carrier:
        """The record with this code; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no carrier {key!r}") from None

    def find(self, key: str) -> Carrier | None:
        """The record with this code, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Carrier:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Carrier:
        """Replace fields of one record (not its code) and return the new record."""
        if "code" in changes:
            raise ValueError("the code of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_service(self, value: str) -> list[Carrier]:
        """Records whose service equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.service.strip().casefold() == wanted]

    def only_tracking(self, value: bool = True) -> list[Carrier]:
        """Records whose tracking flag is `value`."""
        return [item for item in self._items.values() if item.tracking is value]

    def total_cutoff_hour(self) -> int:
        """The sum of cutoff_hour over all records (0 when empty)."""
        return sum((item.cutoff_hour for item in self._items.values()), 0)

    def max_cutoff_hour(self) -> Carrier | None:
        """The record with the largest cutoff_hour (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.cutoff_hour > best.cutoff_hour:
                best = item
        return best

    def total_cost_per_kg(self) -> float:
        """The sum of cost_per_kg over all records (0 when empty)."""
        return sum((item.cost_per_kg for item in self._items.values()), 0.0)

    def max_cost_per_kg(self) -> Carrier | None:
        """The record with the largest cost_per_kg (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.cost_per_kg > best.cost_per_kg:
                best = item
        return best

    def where(self, predicate: Callable[[Carrier], bool]) -> list[Carrier]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Carrier]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in CARRIER_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def carriers_to_csv(items: Iterable[Carrier]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CARRIER_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def carriers_from_csv(text: str) -> list[Carrier]:
    """Parse CSV text as `carriers_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Carrier.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_carriers(items: Iterable[Carrier]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_cutoff_hour = [item.cutoff_hour for item in items]
    summary["cutoff_hour"] = {
        "total": sum(values_cutoff_hour),
        "min": min(values_cutoff_hour, default=None),
        "max": max(values_cutoff_hour, default=None),
    }
    values_cost_per_kg = [item.cost_per_kg for item in items]
    summary["cost_per_kg"] = {
        "total": sum(values_cost_per_kg),
        "min": min(values_cost_per_kg, default=None),
        "max": max(values_cost_per_kg, default=None),
    }
    return summary


def index_carriers(items: Iterable[Carrier]) -> dict[str, Carrier]:
    """Records keyed by code; a repeated code raises ValueError."""
    index: dict[str, Carrier] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate code {item.key()!r}")
        index[item.key()] = item
    return index


def group_carriers_by_service(items: Iterable[Carrier]) -> dict[str, list[Carrier]]:
    """Records grouped by service (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Carrier]] = {}
    for item in items:
        groups.setdefault(item.service, []).append(item)
    return groups


# ----------------------------------------------------------------------------------------------------
# Reordering
# ----------------------------------------------------------------------------------------------------


def days_of_cover(on_hand: int, daily_demand: float) -> float:
    """How many days the stock on hand lasts at the given demand (infinite when demand is 0)."""
    if daily_demand < 0:
        raise ValueError("daily demand cannot be negative")
    if daily_demand == 0:
        return math.inf
    return on_hand / daily_demand


def reorder_quantity(on_hand: int, daily_demand: float, lead_time_days: int, safety_stock: int = 0, pack_size: int = 1) -> int:
    """How many units to order now so that stock lasts through the supplier's lead time.

    The stock needed is daily_demand * lead_time_days + safety_stock. When `on_hand` covers it,
    nothing is ordered (0). Otherwise the shortfall is ordered, rounded up to a whole number of
    packs of `pack_size` units (suppliers only ship full packs). A `pack_size` below 1, a negative
    demand or a negative lead time raises ValueError.

    >>> reorder_quantity(on_hand=10, daily_demand=4, lead_time_days=5, safety_stock=6, pack_size=12)
    24
    """
    if pack_size < 1:
        raise ValueError("pack size must be at least 1")
    if daily_demand < 0 or lead_time_days < 0:
        raise ValueError("demand and lead time cannot be negative")
    needed = daily_demand * lead_time_days + safety_stock
    shortfall = needed - on_hand
    if shortfall <= 0:
        return 0
    packs = math.ceil(shortfall / pack_size)
    return packs * pack_size


def order_value(units: int, unit_cost: float, breaks: Iterable[PriceBreak] = ()) -> float:
    """The value of an order line after the best price break it qualifies for, rounded to cents."""
    discount = max((item.discount for item in breaks if units >= item.min_units), default=0.0)
    return round(units * unit_cost * (1 - discount), 2)


# --------------------------------------------------------------------------------------------------
# Customers
# --------------------------------------------------------------------------------------------------

CUSTOMER_FIELDS: tuple[str, ...] = ("account", "name", "city", "credit_limit", "on_hold")


@dataclass
class Customer:
    """A business that orders from the warehouse.

    Attributes:
        account: Customer account number.
        name: Customer name.
        city: Delivery city.
        credit_limit: Largest open balance allowed.
        on_hold: Orders blocked by accounts.
    """

    account: str
    name: str = ""
    city: str = ""
    credit_limit: float = 0.0
    on_hold: bool = False

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.account.strip():
            raise ValueError("Customer.account must not be empty")
        if self.credit_limit < 0:
            raise ValueError(f"Customer.credit_limit must be >= 0, got {self.credit_limit}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its account)."""
        return self.account

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "account": self.account,
            "name": self.name,
            "city": self.city,
            "credit_limit": self.credit_limit,
            "on_hold": self.on_hold,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Customer":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "account" raises KeyError.
        """
        item = cls(
            account=str(data["account"]),
            name=str(data.get("name", "")),
            city=str(data.get("city", "")),
            credit_limit=_as_float(data.get("credit_limit", 0.0)),
            on_hold=_as_bool(data.get("on_hold", False)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Customer":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Customer {self.account}: name={self.name!r}, city={self.city!r}, credit_limit={self.credit_limit!r}, on_hold={self.on_hold!r}"


class CustomerRegistry:
    """Customer records keyed by account, in insertion order."""

    def __init__(self, items: Iterable[Customer] = ()) -> None:
        self._items: dict[str, Customer] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Customer]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Customer) -> None:
        """Add a validated record; a account that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate customer {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Customer:
        """The record with this account; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no customer {key!r}") from None

    def find(self, key: str) -> Customer | None:
        """The record with this account, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Customer:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Customer:
        """Replace fields of one record (not its account) and return the new record."""
        if "account" in changes:
            raise ValueError("the account of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_name(self, value: str) -> list[Customer]:
        """Records whose name equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.name.strip().casefold() == wanted]

    def find_by_city(self, value: str) -> list[Customer]:
        """Records whose city equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.city.strip().casefold() == wanted]

    def only_on_hold(self, value: bool = True) -> list[Customer]:
        """Records whose on_hold flag is `value`."""
        return [item for item in self._items.values() if item.on_hold is value]

    def total_credit_limit(self) -> float:
        """The sum of credit_limit over all records (0 when empty)."""
        return sum((item.credit_limit for item in self._items.values()), 0.0)

    def max_credit_limit(self) -> Customer | None:
        """The record with the largest credit_limit (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.credit_limit > best.credit_limit:
                best = item
        return best

    def where(self, predicate: Callable[[Customer], bool]) -> list[Customer]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Customer]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in CUSTOMER_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def customers_to_csv(items: Iterable[Customer]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CUSTOMER_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def customers_from_csv(text: str) -> list[Customer]:
    """Parse CSV text as `customers_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Customer.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_customers(items: Iterable[Customer]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_credit_limit = [item.credit_limit for item in items]
    summary["credit_limit"] = {
        "total": sum(values_credit_limit),
        "min": min(values_credit_limit, default=None),
        "max": max(values_credit_limit, default=None),
    }
    return summary


def index_customers(items: Iterable[Customer]) -> dict[str, Customer]:
    """Records keyed by account; a repeated account raises ValueError."""
    index: dict[str, Customer] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate account {item.key()!r}")
        index[item.key()] = item
    return index


def group_customers_by_name(items: Iterable[Customer]) -> dict[str, list[Customer]]:
    """Records grouped by name (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Customer]] = {}
    for item in items:
        groups.setdefault(item.name, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Shipments
# --------------------------------------------------------------------------------------------------

SHIPMENT_FIELDS: tuple[str, ...] = ("shipment_id", "customer", "carrier", "parcels", "weight_kg")


@dataclass
class Shipment:
    """A parcel or pallet leaving the warehouse.

    Attributes:
        shipment_id: Shipment number.
        customer: Customer account.
        carrier: Carrier code.
        parcels: Number of parcels.
        weight_kg: Total weight.
    """

    shipment_id: str
    customer: str = ""
    carrier: str = ""
    parcels: int = 1
    weight_kg: float = 0.0

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.shipment_id.strip():
            raise ValueError("Shipment.shipment_id must not be empty")
        if self.parcels <= 0:
            raise ValueError(f"Shipment.parcels must be > 0, got {self.parcels}")
        if self.weight_kg < 0:
            raise ValueError(f"Shipment.weight_kg must be >= 0, got {self.weight_kg}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its shipment_id)."""
        return self.shipment_id

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "shipment_id": self.shipment_id,
            "customer": self.customer,
            "carrier": self.carrier,
            "parcels": self.parcels,
            "weight_kg": self.weight_kg,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Shipment":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "shipment_id" raises KeyError.
        """
        item = cls(
            shipment_id=str(data["shipment_id"]),
            customer=str(data.get("customer", "")),
            carrier=str(data.get("carrier", "")),
            parcels=_as_int(data.get("parcels", 1)),
            weight_kg=_as_float(data.get("weight_kg", 0.0)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Shipment":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Shipment {self.shipment_id}: customer={self.customer!r}, carrier={self.carrier!r}, parcels={self.parcels!r}, weight_kg={self.weight_kg!r}"


class ShipmentRegistry:
    """Shipment records keyed by shipment_id, in insertion order."""

    def __init__(self, items: Iterable[Shipment] = ()) -> None:
        self._items: dict[str, Shipment] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Shipment]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Shipment) -> None:
        """Add a validated record; a shipment_id that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate shipment {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Shipment:
        """The record with this shipment_id; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no shipment {key!r}") from None

    def find(self, key: str) -> Shipment | None:
        """The record with this shipment_id, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Shipment:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Shipment:
        """Replace fields of one record (not its shipment_id) and return the new record."""
        if "shipment_id" in changes:
            raise ValueError("the shipment_id of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_customer(self, value: str) -> list[Shipment]:
        """Records whose customer equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.customer.strip().casefold() == wanted]

    def find_by_carrier(self, value: str) -> list[Shipment]:
        """Records whose carrier equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.carrier.strip().casefold() == wanted]

    def total_parcels(self) -> int:
        """The sum of parcels over all records (0 when empty)."""
        return sum((item.parcels for item in self._items.values()), 0)

    def max_parcels(self) -> Shipment | None:
        """The record with the largest parcels (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.parcels > best.parcels:
                best = item
        return best

    def total_weight_kg(self) -> float:
        """The sum of weight_kg over all records (0 when empty)."""
        return sum((item.weight_kg for item in self._items.values()), 0.0)

    def max_weight_kg(self) -> Shipment | None:
        """The record with the largest weight_kg (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.weight_kg > best.weight_kg:
                best = item
        return best

    def where(self, predicate: Callable[[Shipment], bool]) -> list[Shipment]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Shipment]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in SHIPMENT_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def shipments_to_csv(items: Iterable[Shipment]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SHIPMENT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def shipments_from_csv(text: str) -> list[Shipment]:
    """Parse CSV text as `shipments_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Shipment.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_shipments(items: Iterable[Shipment]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_parcels = [item.parcels for item in items]
    summary["parcels"] = {
        "total": sum(values_parcels),
        "min": min(values_parcels, default=None),
        "max": max(values_parcels, default=None),
    }
    values_weight_kg = [item.weight_kg for item in items]
    summary["weight_kg"] = {
        "total": sum(values_weight_kg),
        "min": min(values_weight_kg, default=None),
        "max": max(values_weight_kg, default=None),
    }
    return summary


def index_shipments(items: Iterable[Shipment]) -> dict[str, Shipment]:
    """Records keyed by shipment_id; a repeated shipment_id raises ValueError."""
    index: dict[str, Shipment] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate shipment_id {item.key()!r}")
        index[item.key()] = item
    return index


def group_shipments_by_customer(items: Iterable[Shipment]) -> dict[str, list[Shipment]]:
    """Records grouped by customer (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Shipment]] = {}
    for item in items:
        groups.setdefault(item.customer, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Return notes
# --------------------------------------------------------------------------------------------------

RETURN_NOTE_FIELDS: tuple[str, ...] = ("rma", "sku", "units", "reason", "restock")


@dataclass
class ReturnNote:
    """Goods a customer sent back.

    Attributes:
        rma: Return authorisation number.
        sku: Returned product.
        units: Units returned.
        reason: Why it came back.
        restock: Whether it goes back on the shelf.
    """

    rma: str
    sku: str = ""
    units: int = 1
    reason: str = "other"
    restock: bool = False

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.rma.strip():
            raise ValueError("ReturnNote.rma must not be empty")
        if self.units <= 0:
            raise ValueError(f"ReturnNote.units must be > 0, got {self.units}")
        if self.reason not in ("damaged", "wrong_item", "unwanted", "other"):
            raise ValueError(f"ReturnNote.reason must be one of damaged, wrong_item, unwanted, other, got {self.reason!r}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its rma)."""
        return self.rma

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "rma": self.rma,
            "sku": self.sku,
            "units": self.units,
            "reason": self.reason,
            "restock": self.restock,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "ReturnNote":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "rma" raises KeyError.
        """
        item = cls(
            rma=str(data["rma"]),
            sku=str(data.get("sku", "")),
            units=_as_int(data.get("units", 1)),
            reason=str(data.get("reason", "other")),
            restock=_as_bool(data.get("restock", False)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "ReturnNote":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"ReturnNote {self.rma}: sku={self.sku!r}, units={self.units!r}, reason={self.reason!r}, restock={self.restock!r}"


class ReturnNoteRegistry:
    """ReturnNote records keyed by rma, in insertion order."""

    def __init__(self, items: Iterable[ReturnNote] = ()) -> None:
        self._items: dict[str, ReturnNote] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[ReturnNote]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: ReturnNote) -> None:
        """Add a validated record; a rma that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate returnnote {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> ReturnNote:
        """The record with this rma; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no returnnote {key!r}") from None

    def find(self, key: str) -> ReturnNote | None:
        """The record with this rma, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> ReturnNote:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> ReturnNote:
        """Replace fields of one record (not its rma) and return the new record."""
        if "rma" in changes:
            raise ValueError("the rma of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_sku(self, value: str) -> list[ReturnNote]:
        """Records whose sku equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.sku.strip().casefold() == wanted]

    def find_by_reason(self, value: str) -> list[ReturnNote]:
        """Records whose reason equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.reason.strip().casefold() == wanted]

    def only_restock(self, value: bool = True) -> list[ReturnNote]:
        """Records whose restock flag is `value`."""
        return [item for item in self._items.values() if item.restock is value]

    def total_units(self) -> int:
        """The sum of units over all records (0 when empty)."""
        return sum((item.units for item in self._items.values()), 0)

    def max_units(self) -> ReturnNote | None:
        """The record with the largest units (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.units > best.units:
                best = item
        return best

    def where(self, predicate: Callable[[ReturnNote], bool]) -> list[ReturnNote]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[ReturnNote]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in RETURN_NOTE_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def return_notes_to_csv(items: Iterable[ReturnNote]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=RETURN_NOTE_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def return_notes_from_csv(text: str) -> list[ReturnNote]:
    """Parse CSV text as `return_notes_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [ReturnNote.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_return_notes(items: Iterable[ReturnNote]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_units = [item.units for item in items]
    summary["units"] = {
        "total": sum(values_units),
        "min": min(values_units, default=None),
        "max": max(values_units, default=None),
    }
    return summary


def index_return_notes(items: Iterable[ReturnNote]) -> dict[str, ReturnNote]:
    """Records keyed by rma; a repeated rma raises ValueError."""
    index: dict[str, ReturnNote] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate rma {item.key()!r}")
        index[item.key()] = item
    return index


def group_return_notes_by_sku(items: Iterable[ReturnNote]) -> dict[str, list[ReturnNote]]:
    """Records grouped by sku (keys in first-seen order, records in input order)."""
    groups: dict[str, list[ReturnNote]] = {}
    for item in items:
        groups.setdefault(item.sku, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Cycle counts
# --------------------------------------------------------------------------------------------------

CYCLE_COUNT_FIELDS: tuple[str, ...] = ("count_id", "location", "expected_units", "counted_units", "counter")


@dataclass
class CycleCount:
    """A stock count of one bin.

    Attributes:
        count_id: Count sheet number.
        location: Bin counted.
        expected_units: Units the system expected.
        counted_units: Units found.
        counter: Who counted.
    """

    count_id: str
    location: str = ""
    expected_units: int = 0
    counted_units: int = 0
    counter: str = ""

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.count_id.strip():
            raise ValueError("CycleCount.count_id must not be empty")
        if self.expected_units < 0:
            raise ValueError(f"CycleCount.expected_units must be >= 0, got {self.expected_units}")
        if self.counted_units < 0:
            raise ValueError(f"CycleCount.counted_units must be >= 0, got {self.counted_units}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its count_id)."""
        return self.count_id

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "count_id": self.count_id,
            "location": self.location,
            "expected_units": self.expected_units,
            "counted_units": self.counted_units,
            "counter": self.counter,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "CycleCount":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "count_id" raises KeyError.
        """
        item = cls(
            count_id=str(data["count_id"]),
            location=str(data.get("location", "")),
            expected_units=_as_int(data.get("expected_units", 0)),
            counted_units=_as_int(data.get("counted_units", 0)),
            counter=str(data.get("counter", "")),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "CycleCount":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"CycleCount {self.count_id}: location={self.location!r}, expected_units={self.expected_units!r}, counted_units={self.counted_units!r}, counter={self.counter!r}"


class CycleCountRegistry:
    """CycleCount records keyed by count_id, in insertion order."""

    def __init__(self, items: Iterable[CycleCount] = ()) -> None:
        self._items: dict[str, CycleCount] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[CycleCount]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: CycleCount) -> None:
        """Add a validated record; a count_id that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate cyclecount {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> CycleCount:
        """The record with this count_id; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no cyclecount {key!r}") from None

    def find(self, key: str) -> CycleCount | None:
        """The record with this count_id, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> CycleCount:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> CycleCount:
        """Replace fields of one record (not its count_id) and return the new record."""
        if "count_id" in changes:
            raise ValueError("the count_id of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_location(self, value: str) -> list[CycleCount]:
        """Records whose location equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.location.strip().casefold() == wanted]

    def find_by_counter(self, value: str) -> list[CycleCount]:
        """Records whose counter equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.counter.strip().casefold() == wanted]

    def total_expected_units(self) -> int:
        """The sum of expected_units over all records (0 when empty)."""
        return sum((item.expected_units for item in self._items.values()), 0)

    def max_expected_units(self) -> CycleCount | None:
        """The record with the largest expected_units (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.expected_units > best.expected_units:
                best = item
        return best

    def total_counted_units(self) -> int:
        """The sum of counted_units over all records (0 when empty)."""
        return sum((item.counted_units for item in self._items.values()), 0)

    def max_counted_units(self) -> CycleCount | None:
        """The record with the largest counted_units (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.counted_units > best.counted_units:
                best = item
        return best

    def where(self, predicate: Callable[[CycleCount], bool]) -> list[CycleCount]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[CycleCount]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in CYCLE_COUNT_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def cycle_counts_to_csv(items: Iterable[CycleCount]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CYCLE_COUNT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def cycle_counts_from_csv(text: str) -> list[CycleCount]:
    """Parse CSV text as `cycle_counts_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [CycleCount.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_cycle_counts(items: Iterable[CycleCount]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_expected_units = [item.expected_units for item in items]
    summary["expected_units"] = {
        "total": sum(values_expected_units),
        "min": min(values_expected_units, default=None),
        "max": max(values_expected_units, default=None),
    }
    values_counted_units = [item.counted_units for item in items]
    summary["counted_units"] = {
        "total": sum(values_counted_units),
        "min": min(values_counted_units, default=None),
        "max": max(values_counted_units, default=None),
    }
    return summary


def index_cycle_counts(items: Iterable[CycleCount]) -> dict[str, CycleCount]:
    """Records keyed by count_id; a repeated count_id raises ValueError."""
    index: dict[str, CycleCount] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate count_id {item.key()!r}")
        index[item.key()] = item
    return index


def group_cycle_counts_by_location(items: Iterable[CycleCount]) -> dict[str, list[CycleCount]]:
    """Records grouped by location (keys in first-seen order, records in input order)."""
    groups: dict[str, list[CycleCount]] = {}
    for item in items:
        groups.setdefault(item.location, []).append(item)
    return groups


# ----------------------------------------------------------------------------------------------------
# Costing
# ----------------------------------------------------------------------------------------------------


def stock_value(lots: Iterable[tuple[int, float]]) -> float:
    """The value of (units, unit_cost) lots, rounded to cents."""
    return round(sum(units * unit_cost for units, unit_cost in lots), 2)


def fifo_issue_cost(lots: Sequence[tuple[int, float]], quantity: int) -> tuple[float, list[tuple[int, float]]]:
    """The cost of issuing `quantity` units first-in, first-out, and the lots left afterwards.

    `lots` are (units, unit_cost) pairs, oldest first. Units are taken from the oldest lot until
    it is used up, then from the next one, and so on. Returns (cost, remaining) where cost is
    rounded to 2 decimals and remaining lists the lots left, in the same order, without the lots
    that were used up completely (a partly used lot keeps its unit cost). Issuing 0 units costs 0.0
    and leaves the lots as they are. A negative quantity, or more units than the lots hold in total,
    raises ValueError. The input list is not modified.

    >>> fifo_issue_cost([(5, 2.0), (10, 3.0)], 7)
    (16.0, [(8, 3.0)])
    """
    if quantity < 0:
        raise ValueError("quantity cannot be negative")
    if quantity > sum(units for units, _ in lots):
        raise ValueError(f"only {sum(units for units, _ in lots)} units in stock, {quantity} asked")
    cost = 0.0
    left = quantity
    remaining: list[tuple[int, float]] = []
    for units, unit_cost in lots:
        take = min(units, left)
        cost += take * unit_cost
        left -= take
        if units - take > 0:
            remaining.append((units - take, unit_cost))
    return round(cost, 2), remaining


# --------------------------------------------------------------------------------------------------
# Adjustments
# --------------------------------------------------------------------------------------------------

ADJUSTMENT_FIELDS: tuple[str, ...] = ("adjustment_id", "sku", "delta_units", "value", "note")


@dataclass
class Adjustment:
    """A manual correction of stock.

    Attributes:
        adjustment_id: Adjustment number.
        sku: Product corrected.
        delta_units: Units added (negative: removed).
        value: Value of the correction.
        note: Why.
    """

    adjustment_id: str
    sku: str = ""
    delta_units: int = 0
    value: float = 0.0
    note: str = ""

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.adjustment_id.strip():
            raise ValueError("Adjustment.adjustment_id must not be empty")

    def key(self) -> str:
        """The value that identifies this record in a registry (its adjustment_id)."""
        return self.adjustment_id

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "adjustment_id": self.adjustment_id,
            "sku": self.sku,
            "delta_units": self.delta_units,
            "value": self.value,
            "note": self.note,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Adjustment":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "adjustment_id" raises KeyError.
        """
        item = cls(
            adjustment_id=str(data["adjustment_id"]),
            sku=str(data.get("sku", "")),
            delta_units=_as_int(data.get("delta_units", 0)),
            value=_as_float(data.get("value", 0.0)),
            note=str(data.get("note", "")),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Adjustment":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Adjustment {self.adjustment_id}: sku={self.sku!r}, delta_units={self.delta_units!r}, value={self.value!r}, note={self.note!r}"


class AdjustmentRegistry:
    """Adjustment records keyed by adjustment_id, in insertion order."""

    def __init__(self, items: Iterable[Adjustment] = ()) -> None:
        self._items: dict[str, Adjustment] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Adjustment]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Adjustment) -> None:
        """Add a validated record; a adjustment_id that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate adjustment {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Adjustment:
        """The record with this adjustment_id; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no adjustment {key!r}") from None

    def find(self, key: str) -> Adjustment | None:
        """The record with this adjustment_id, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Adjustment:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Adjustment:
        """Replace fields of one record (not its adjustment_id) and return the new record."""
        if "adjustment_id" in changes:
            raise ValueError("the adjustment_id of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_sku(self, value: str) -> list[Adjustment]:
        """Records whose sku equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.sku.strip().casefold() == wanted]

    def find_by_note(self, value: str) -> list[Adjustment]:
        """Records whose note equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.note.strip().casefold() == wanted]

    def total_delta_units(self) -> int:
        """The sum of delta_units over all records (0 when empty)."""
        return sum((item.delta_units for item in self._items.values()), 0)

    def max_delta_units(self) -> Adjustment | None:
        """The record with the largest delta_units (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.delta_units > best.delta_units:
                best = item
        return best

    def total_value(self) -> float:
        """The sum of value over all records (0 when empty)."""
        return sum((item.value for item in self._items.values()), 0.0)

    def max_value(self) -> Adjustment | None:
        """The record with the largest value (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.value > best.value:
                best = item
        return best

    def where(self, predicate: Callable[[Adjustment], bool]) -> list[Adjustment]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Adjustment]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in ADJUSTMENT_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def adjustments_to_csv(items: Iterable[Adjustment]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=ADJUSTMENT_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def adjustments_from_csv(text: str) -> list[Adjustment]:
    """Parse CSV text as `adjustments_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Adjustment.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_adjustments(items: Iterable[Adjustment]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_delta_units = [item.delta_units for item in items]
    summary["delta_units"] = {
        "total": sum(values_delta_units),
        "min": min(values_delta_units, default=None),
        "max": max(values_delta_units, default=None),
    }
    values_value = [item.value for item in items]
    summary["value"] = {
        "total": sum(values_value),
        "min": min(values_value, default=None),
        "max": max(values_value, default=None),
    }
    return summary


def index_adjustments(items: Iterable[Adjustment]) -> dict[str, Adjustment]:
    """Records keyed by adjustment_id; a repeated adjustment_id raises ValueError."""
    index: dict[str, Adjustment] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate adjustment_id {item.key()!r}")
        index[item.key()] = item
    return index


def group_adjustments_by_sku(items: Iterable[Adjustment]) -> dict[str, list[Adjustment]]:
    """Records grouped by sku (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Adjustment]] = {}
    for item in items:
        groups.setdefault(item.sku, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Transfers
# --------------------------------------------------------------------------------------------------

TRANSFER_FIELDS: tuple[str, ...] = ("transfer_id", "from_location", "to_location", "units", "done")


@dataclass
class Transfer:
    """Stock moved between two bins.

    Attributes:
        transfer_id: Transfer number.
        from_location: Bin the stock leaves.
        to_location: Bin the stock goes to.
        units: Units moved.
        done: Whether the move is finished.
    """

    transfer_id: str
    from_location: str = ""
    to_location: str = ""
    units: int = 1
    done: bool = False

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.transfer_id.strip():
            raise ValueError("Transfer.transfer_id must not be empty")
        if self.units <= 0:
            raise ValueError(f"Transfer.units must be > 0, got {self.units}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its transfer_id)."""
        return self.transfer_id

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "transfer_id": self.transfer_id,
            "from_location": self.from_location,
            "to_location": self.to_location,
            "units": self.units,
            "done": self.done,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Transfer":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "transfer_id" raises KeyError.
        """
        item = cls(
            transfer_id=str(data["transfer_id"]),
            from_location=str(data.get("from_location", "")),
            to_location=str(data.get("to_location", "")),
            units=_as_int(data.get("units", 1)),
            done=_as_bool(data.get("done", False)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Transfer":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Transfer {self.transfer_id}: from_location={self.from_location!r}, to_location={self.to_location!r}, units={self.units!r}, done={self.done!r}"


class TransferRegistry:
    """Transfer records keyed by transfer_id, in insertion order."""

    def __init__(self, items: Iterable[Transfer] = ()) -> None:
        self._items: dict[str, Transfer] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Transfer]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Transfer) -> None:
        """Add a validated record; a transfer_id that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate transfer {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Transfer:
        """The record with this transfer_id; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no transfer {key!r}") from None

    def find(self, key: str) -> Transfer | None:
        """The record with this transfer_id, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Transfer:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Transfer:
        """Replace fields of one record (not its transfer_id) and return the new record."""
        if "transfer_id" in changes:
            raise ValueError("the transfer_id of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_from_location(self, value: str) -> list[Transfer]:
        """Records whose from_location equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.from_location.strip().casefold() == wanted]

    def find_by_to_location(self, value: str) -> list[Transfer]:
        """Records whose to_location equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.to_location.strip().casefold() == wanted]

    def only_done(self, value: bool = True) -> list[Transfer]:
        """Records whose done flag is `value`."""
        return [item for item in self._items.values() if item.done is value]

    def total_units(self) -> int:
        """The sum of units over all records (0 when empty)."""
        return sum((item.units for item in self._items.values()), 0)

    def max_units(self) -> Transfer | None:
        """The record with the largest units (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.units > best.units:
                best = item
        return best

    def where(self, predicate: Callable[[Transfer], bool]) -> list[Transfer]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Transfer]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in TRANSFER_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def transfers_to_csv(items: Iterable[Transfer]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=TRANSFER_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def transfers_from_csv(text: str) -> list[Transfer]:
    """Parse CSV text as `transfers_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Transfer.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_transfers(items: Iterable[Transfer]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_units = [item.units for item in items]
    summary["units"] = {
        "total": sum(values_units),
        "min": min(values_units, default=None),
        "max": max(values_units, default=None),
    }
    return summary


def index_transfers(items: Iterable[Transfer]) -> dict[str, Transfer]:
    """Records keyed by transfer_id; a repeated transfer_id raises ValueError."""
    index: dict[str, Transfer] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate transfer_id {item.key()!r}")
        index[item.key()] = item
    return index


def group_transfers_by_from_location(items: Iterable[Transfer]) -> dict[str, list[Transfer]]:
    """Records grouped by from_location (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Transfer]] = {}
    for item in items:
        groups.setdefault(item.from_location, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Price breaks
# --------------------------------------------------------------------------------------------------

PRICE_BREAK_FIELDS: tuple[str, ...] = ("break_id", "sku", "min_units", "discount")


@dataclass
class PriceBreak:
    """A quantity discount offered by a supplier.

    Attributes:
        break_id: Identifier of the price break.
        sku: Product it applies to.
        min_units: Smallest order quantity it applies to.
        discount: Fraction off the unit cost.
    """

    break_id: str
    sku: str = ""
    min_units: int = 1
    discount: float = 0.0

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.break_id.strip():
            raise ValueError("PriceBreak.break_id must not be empty")
        if self.min_units <= 0:
            raise ValueError(f"PriceBreak.min_units must be > 0, got {self.min_units}")
        if not 0.0 <= self.discount <= 0.9:
            raise ValueError(f"PriceBreak.discount must be between 0.0 and 0.9, got {self.discount}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its break_id)."""
        return self.break_id

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "break_id": self.break_id,
            "sku": self.sku,
            "min_units": self.min_units,
            "discount": self.discount,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "PriceBreak":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "break_id" raises KeyError.
        """
        item = cls(
            break_id=str(data["break_id"]),
            sku=str(data.get("sku", "")),
            min_units=_as_int(data.get("min_units", 1)),
            discount=_as_float(data.get("discount", 0.0)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "PriceBreak":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"PriceBreak {self.break_id}: sku={self.sku!r}, min_units={self.min_units!r}, discount={self.discount!r}"


class PriceBreakRegistry:
    """PriceBreak records keyed by break_id, in insertion order."""

    def __init__(self, items: Iterable[PriceBreak] = ()) -> None:
        self._items: dict[str, PriceBreak] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[PriceBreak]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: PriceBreak) -> None:
        """Add a validated record; a break_id that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate pricebreak {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> PriceBreak:
        """The record with this break_id; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no pricebreak {key!r}") from None

    def find(self, key: str) -> PriceBreak | None:
        """The record with this break_id, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> PriceBreak:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> PriceBreak:
        """Replace fields of one record (not its break_id) and return the new record."""
        if "break_id" in changes:
            raise ValueError("the break_id of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_sku(self, value: str) -> list[PriceBreak]:
        """Records whose sku equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.sku.strip().casefold() == wanted]

    def total_min_units(self) -> int:
        """The sum of min_units over all records (0 when empty)."""
        return sum((item.min_units for item in self._items.values()), 0)

    def max_min_units(self) -> PriceBreak | None:
        """The record with the largest min_units (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.min_units > best.min_units:
                best = item
        return best

    def total_discount(self) -> float:
        """The sum of discount over all records (0 when empty)."""
        return sum((item.discount for item in self._items.values()), 0.0)

    def max_discount(self) -> PriceBreak | None:
        """The record with the largest discount (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.discount > best.discount:
                best = item
        return best

    def where(self, predicate: Callable[[PriceBreak], bool]) -> list[PriceBreak]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[PriceBreak]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in PRICE_BREAK_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def price_breaks_to_csv(items: Iterable[PriceBreak]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=PRICE_BREAK_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def price_breaks_from_csv(text: str) -> list[PriceBreak]:
    """Parse CSV text as `price_breaks_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [PriceBreak.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_price_breaks(items: Iterable[PriceBreak]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_min_units = [item.min_units for item in items]
    summary["min_units"] = {
        "total": sum(values_min_units),
        "min": min(values_min_units, default=None),
        "max": max(values_min_units, default=None),
    }
    values_discount = [item.discount for item in items]
    summary["discount"] = {
        "total": sum(values_discount),
        "min": min(values_discount, default=None),
        "max": max(values_discount, default=None),
    }
    return summary


def index_price_breaks(items: Iterable[PriceBreak]) -> dict[str, PriceBreak]:
    """Records keyed by break_id; a repeated break_id raises ValueError."""
    index: dict[str, PriceBreak] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate break_id {item.key()!r}")
        index[item.key()] = item
    return index


def group_price_breaks_by_sku(items: Iterable[PriceBreak]) -> dict[str, list[PriceBreak]]:
    """Records grouped by sku (keys in first-seen order, records in input order)."""
    groups: dict[str, list[PriceBreak]] = {}
    for item in items:
        groups.setdefault(item.sku, []).append(item)
    return groups


# --------------------------------------------------------------------------------------------------
# Pallets
# --------------------------------------------------------------------------------------------------

PALLET_FIELDS: tuple[str, ...] = ("sscc", "sku", "cases", "height_cm", "stackable")


@dataclass
class Pallet:
    """A pallet of stock in the bulk area.

    Attributes:
        sscc: Serial shipping container code.
        sku: Product on the pallet.
        cases: Cases on the pallet.
        height_cm: Height including the pallet.
        stackable: Whether another pallet may go on top.
    """

    sscc: str
    sku: str = ""
    cases: int = 1
    height_cm: float = 100.0
    stackable: bool = False

    def validate(self) -> None:
        """Raise ValueError when a field breaks its rule."""
        if not self.sscc.strip():
            raise ValueError("Pallet.sscc must not be empty")
        if self.cases <= 0:
            raise ValueError(f"Pallet.cases must be > 0, got {self.cases}")
        if self.height_cm <= 0:
            raise ValueError(f"Pallet.height_cm must be > 0, got {self.height_cm}")

    def key(self) -> str:
        """The value that identifies this record in a registry (its sscc)."""
        return self.sscc

    def to_dict(self) -> dict[str, Any]:
        """A plain dictionary with one entry per field, in field order."""
        return {
            "sscc": self.sscc,
            "sku": self.sku,
            "cases": self.cases,
            "height_cm": self.height_cm,
            "stackable": self.stackable,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Pallet":
        """Build a validated record from a mapping such as `to_dict` returns.

        Missing optional fields take their defaults; a missing "sscc" raises KeyError.
        """
        item = cls(
            sscc=str(data["sscc"]),
            sku=str(data.get("sku", "")),
            cases=_as_int(data.get("cases", 1)),
            height_cm=_as_float(data.get("height_cm", 100.0)),
            stackable=_as_bool(data.get("stackable", False)),
        )
        item.validate()
        return item

    def replace(self, **changes: Any) -> "Pallet":
        """A validated copy with some fields changed; unknown field names raise TypeError."""
        item = dataclasses.replace(self, **changes)
        item.validate()
        return item

    def describe(self) -> str:
        """One human-readable line with every field."""
        return f"Pallet {self.sscc}: sku={self.sku!r}, cases={self.cases!r}, height_cm={self.height_cm!r}, stackable={self.stackable!r}"


class PalletRegistry:
    """Pallet records keyed by sscc, in insertion order."""

    def __init__(self, items: Iterable[Pallet] = ()) -> None:
        self._items: dict[str, Pallet] = {}
        for item in items:
            self.add(item)

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[Pallet]:
        return iter(list(self._items.values()))

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def add(self, item: Pallet) -> None:
        """Add a validated record; a sscc that is already present raises KeyError."""
        item.validate()
        if item.key() in self._items:
            raise KeyError(f"duplicate pallet {item.key()!r}")
        self._items[item.key()] = item

    def get(self, key: str) -> Pallet:
        """The record with this sscc; KeyError if there is none."""
        try:
            return self._items[key]
        except KeyError:
            raise KeyError(f"no pallet {key!r}") from None

    def find(self, key: str) -> Pallet | None:
        """The record with this sscc, or None."""
        return self._items.get(key)

    def remove(self, key: str) -> Pallet:
        """Remove and return a record; KeyError if there is none."""
        item = self.get(key)
        del self._items[key]
        return item

    def update(self, key: str, **changes: Any) -> Pallet:
        """Replace fields of one record (not its sscc) and return the new record."""
        if "sscc" in changes:
            raise ValueError("the sscc of a record cannot change")
        item = self.get(key).replace(**changes)
        self._items[key] = item
        return item

    def find_by_sku(self, value: str) -> list[Pallet]:
        """Records whose sku equals `value`, ignoring case and surrounding spaces."""
        wanted = value.strip().casefold()
        return [item for item in self._items.values() if item.sku.strip().casefold() == wanted]

    def only_stackable(self, value: bool = True) -> list[Pallet]:
        """Records whose stackable flag is `value`."""
        return [item for item in self._items.values() if item.stackable is value]

    def total_cases(self) -> int:
        """The sum of cases over all records (0 when empty)."""
        return sum((item.cases for item in self._items.values()), 0)

    def max_cases(self) -> Pallet | None:
        """The record with the largest cases (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.cases > best.cases:
                best = item
        return best

    def total_height_cm(self) -> float:
        """The sum of height_cm over all records (0 when empty)."""
        return sum((item.height_cm for item in self._items.values()), 0.0)

    def max_height_cm(self) -> Pallet | None:
        """The record with the largest height_cm (the first one on ties), or None when empty."""
        best = None
        for item in self._items.values():
            if best is None or item.height_cm > best.height_cm:
                best = item
        return best

    def where(self, predicate: Callable[[Pallet], bool]) -> list[Pallet]:
        """Records for which `predicate` is true, in insertion order."""
        return [item for item in self._items.values() if predicate(item)]

    def sorted_by(self, field_name: str, reverse: bool = False) -> list[Pallet]:
        """Records sorted by one field; an unknown field raises ValueError."""
        if field_name not in PALLET_FIELDS:
            raise ValueError(f"unknown field {field_name!r}")
        return sorted(self._items.values(), key=lambda item: getattr(item, field_name), reverse=reverse)

    def to_rows(self) -> list[dict[str, Any]]:
        """Every record as a dictionary, in insertion order."""
        return [item.to_dict() for item in self._items.values()]


def pallets_to_csv(items: Iterable[Pallet]) -> str:
    """CSV text with a header row and one row per record."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=PALLET_FIELDS, lineterminator="\n")
    writer.writeheader()
    for item in items:
        writer.writerow(item.to_dict())
    return buffer.getvalue()


def pallets_from_csv(text: str) -> list[Pallet]:
    """Parse CSV text as `pallets_to_csv` writes it; blank lines are skipped."""
    reader = csv.DictReader(io.StringIO(text))
    return [Pallet.from_dict(_clean_row(row)) for row in reader if any((value or "").strip() for value in row.values())]


def summarize_pallets(items: Iterable[Pallet]) -> dict[str, Any]:
    """The number of records and, for every numeric field, its total, minimum and maximum."""
    items = list(items)
    summary: dict[str, Any] = {"count": len(items)}
    values_cases = [item.cases for item in items]
    summary["cases"] = {
        "total": sum(values_cases),
        "min": min(values_cases, default=None),
        "max": max(values_cases, default=None),
    }
    values_height_cm = [item.height_cm for item in items]
    summary["height_cm"] = {
        "total": sum(values_height_cm),
        "min": min(values_height_cm, default=None),
        "max": max(values_height_cm, default=None),
    }
    return summary


def index_pallets(items: Iterable[Pallet]) -> dict[str, Pallet]:
    """Records keyed by sscc; a repeated sscc raises ValueError."""
    index: dict[str, Pallet] = {}
    for item in items:
        if item.key() in index:
            raise ValueError(f"duplicate sscc {item.key()!r}")
        index[item.key()] = item
    return index


def group_pallets_by_sku(items: Iterable[Pallet]) -> dict[str, list[Pallet]]:
    """Records grouped by sku (keys in first-seen order, records in input order)."""
    groups: dict[str, list[Pallet]] = {}
    for item in items:
        groups.setdefault(item.sku, []).append(item)
    return groups


# ----------------------------------------------------------------------------------------------------
# Picking
# ----------------------------------------------------------------------------------------------------


def pick_weight(rows: Iterable[tuple[str, str, int]], weights: Mapping[str, float]) -> float:
    """The total weight in kg of (sku, location, units) pick rows, given the weight of one unit per SKU."""
    return round(sum(units * weights[sku] for sku, _location, units in rows), 3)


def plan_picks(order: Mapping[str, int], stock: Mapping[str, Mapping[str, int]]) -> list[tuple[str, str, int]]:
    """A pick list for an order, as (sku, location, units) rows.

    `order` maps each SKU to the units wanted; `stock` maps each SKU to {location: units on hand}.
    SKUs are handled in the order of `order`. For each, units are taken from the location holding
    the most of that SKU first (on equal stock, the location code that sorts first), then from the
    next one, until the units wanted are covered; locations with no stock are skipped and no row
    has 0 units. A SKU ordered with 0 units gives no rows. When the total stock of any SKU is less
    than wanted (a SKU missing from `stock` has none), ValueError naming that SKU is raised.

    >>> plan_picks({"A1": 5}, {"A1": {"B-01-01": 2, "C-02-02": 4}})
    [('A1', 'C-02-02', 4), ('A1', 'B-01-01', 1)]
    """
    rows: list[tuple[str, str, int]] = []
    for sku, wanted in order.items():
        if wanted <= 0:
            continue
        places = stock.get(sku, {})
        if sum(places.values()) < wanted:
            raise ValueError(f"not enough stock of {sku}: {sum(places.values())} for {wanted}")
        for location, units in sorted(places.items(), key=lambda item: (-item[1], item[0])):
            if wanted == 0:
                break
            if units <= 0:
                continue
            take = min(units, wanted)
            rows.append((sku, location, take))
            wanted -= take
    return rows
