"""Base `stockroom`: a warehouse inventory toolkit (records in big_stockroom.toml + hand-written stock arithmetic)."""

from __future__ import annotations

from pathlib import Path

from bigmod_engine import load_entities

PACKAGE = "stockroom"
MODULE = "inventory"
DESCRIPTION = "Warehouse inventory toolkit: stock records, locations, reordering and picking."

HEADER = '''"""Warehouse inventory toolkit.

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
'''

ENTITIES = load_entities(Path(__file__).with_suffix(".toml"))

BLOCKS: dict[int, str] = {}

BLOCKS[0] = r'''
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
'''

BLOCKS[7] = r'''
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
'''

BLOCKS[11] = r'''
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
'''

BLOCKS[len(ENTITIES)] = r'''
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
'''

RECORD_TEST_ENTITIES = ["Supplier", "Product", "Pallet"]
