"""Base `stockroom`: a warehouse inventory toolkit (records + hand-written stock arithmetic)."""

from __future__ import annotations

from bigmod_engine import Entity, Field as F

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

ENTITIES = [
    Entity("Supplier", "suppliers", "A company the warehouse buys stock from.", (
        F("code", "str", "Short unique code such as \"ACME\".", "ACME", None, ("nonempty",)),
        F("name", "str", "Registered company name.", "Acme Tools Ltd", ""),
        F("country", "str", "ISO country code.", "DE", ""),
        F("lead_time_days", "int", "Days between ordering and delivery.", 7, 7, ("nonneg",)),
        F("min_order_value", "float", "Smallest order the supplier accepts.", 150.0, 0.0, ("nonneg",)),
        F("preferred", "bool", "Whether buyers should pick this supplier first.", True, False),
    )),
    Entity("Product", "products", "A stock-keeping unit the warehouse stores.", (
        F("sku", "str", "Stock-keeping unit code.", "HAM-001", None, ("nonempty",)),
        F("description", "str", "What the product is.", "Claw hammer, 16 oz", ""),
        F("category", "str", "Product category used in reports.", "tools", "general"),
        F("unit_cost", "float", "Purchase price of one unit.", 6.5, 0.0, ("nonneg",)),
        F("unit_price", "float", "Selling price of one unit.", 12.9, 0.0, ("nonneg",)),
        F("weight_kg", "float", "Weight of one unit in kilograms.", 0.7, 0.0, ("nonneg",)),
        F("discontinued", "bool", "No longer reordered.", False, False),
    )),
    Entity("Bin", "bins", "A storage location on a shelf.", (
        F("location", "str", "Location code such as \"B-03-12\".", "B-03-12", None, ("nonempty",)),
        F("zone", "str", "Warehouse zone.", "dry", "dry", ("choice", ("dry", "cold", "frozen", "bulk"))),
        F("capacity_units", "int", "How many units fit.", 120, 100, ("positive",)),
        F("max_weight_kg", "float", "Load limit of the shelf.", 80.0, 50.0, ("positive",)),
        F("pickable", "bool", "Whether pickers may take stock from it.", True, True),
    )),
    Entity("Lot", "lots", "A batch of one product received together.", (
        F("lot_id", "str", "Lot number printed on the labels.", "L2024-0042", None, ("nonempty",)),
        F("sku", "str", "Product of the lot.", "HAM-001", ""),
        F("units", "int", "Units still in the lot.", 40, 0, ("nonneg",)),
        F("unit_cost", "float", "Cost of one unit of this lot.", 6.25, 0.0, ("nonneg",)),
        F("received_on", "str", "ISO date of receipt.", "2024-03-01", ""),
    )),
    Entity("PurchaseOrder", "purchase_orders", "An order placed with a supplier.", (
        F("number", "str", "Purchase order number.", "PO-1001", None, ("nonempty",)),
        F("supplier", "str", "Supplier code.", "ACME", ""),
        F("status", "str", "Where the order is.", "open", "draft", ("choice", ("draft", "open", "received", "cancelled"))),
        F("lines", "int", "Number of order lines.", 3, 0, ("nonneg",)),
        F("total", "float", "Order value.", 420.0, 0.0, ("nonneg",)),
    )),
    Entity("Receipt", "receipts", "Goods received against a purchase order.", (
        F("receipt_id", "str", "Goods-in number.", "GR-77", None, ("nonempty",)),
        F("order_number", "str", "Purchase order received against.", "PO-1001", ""),
        F("units", "int", "Units received.", 36, 0, ("nonneg",)),
        F("damaged_units", "int", "Units refused as damaged.", 2, 0, ("nonneg",)),
        F("checked_by", "str", "Initials of the checker.", "MK", ""),
    )),
    Entity("Carrier", "carriers", "A parcel or freight company.", (
        F("code", "str", "Carrier code.", "DHL", None, ("nonempty",)),
        F("service", "str", "Service level.", "express", "standard"),
        F("cutoff_hour", "int", "Last hour for same-day collection.", 16, 17, ("range", 0, 23)),
        F("cost_per_kg", "float", "Price per kilogram.", 1.2, 0.0, ("nonneg",)),
        F("tracking", "bool", "Whether parcels are tracked.", True, True),
    )),
    Entity("Customer", "customers", "A business that orders from the warehouse.", (
        F("account", "str", "Customer account number.", "C-300", None, ("nonempty",)),
        F("name", "str", "Customer name.", "Hardware Corner", ""),
        F("city", "str", "Delivery city.", "Leipzig", ""),
        F("credit_limit", "float", "Largest open balance allowed.", 5000.0, 0.0, ("nonneg",)),
        F("on_hold", "bool", "Orders blocked by accounts.", False, False),
    )),
    Entity("Shipment", "shipments", "A parcel or pallet leaving the warehouse.", (
        F("shipment_id", "str", "Shipment number.", "SH-9001", None, ("nonempty",)),
        F("customer", "str", "Customer account.", "C-300", ""),
        F("carrier", "str", "Carrier code.", "DHL", ""),
        F("parcels", "int", "Number of parcels.", 2, 1, ("positive",)),
        F("weight_kg", "float", "Total weight.", 14.5, 0.0, ("nonneg",)),
    )),
    Entity("ReturnNote", "return_notes", "Goods a customer sent back.", (
        F("rma", "str", "Return authorisation number.", "RMA-12", None, ("nonempty",)),
        F("sku", "str", "Returned product.", "HAM-001", ""),
        F("units", "int", "Units returned.", 1, 1, ("positive",)),
        F("reason", "str", "Why it came back.", "damaged", "other", ("choice", ("damaged", "wrong_item", "unwanted", "other"))),
        F("restock", "bool", "Whether it goes back on the shelf.", False, False),
    )),
    Entity("CycleCount", "cycle_counts", "A stock count of one bin.", (
        F("count_id", "str", "Count sheet number.", "CC-5", None, ("nonempty",)),
        F("location", "str", "Bin counted.", "B-03-12", ""),
        F("expected_units", "int", "Units the system expected.", 40, 0, ("nonneg",)),
        F("counted_units", "int", "Units found.", 38, 0, ("nonneg",)),
        F("counter", "str", "Who counted.", "JS", ""),
    )),
    Entity("Adjustment", "adjustments", "A manual correction of stock.", (
        F("adjustment_id", "str", "Adjustment number.", "ADJ-3", None, ("nonempty",)),
        F("sku", "str", "Product corrected.", "HAM-001", ""),
        F("delta_units", "int", "Units added (negative: removed).", -2, 0),
        F("value", "float", "Value of the correction.", -13.0, 0.0),
        F("note", "str", "Why.", "count difference", ""),
    )),
    Entity("Transfer", "transfers", "Stock moved between two bins.", (
        F("transfer_id", "str", "Transfer number.", "TR-8", None, ("nonempty",)),
        F("from_location", "str", "Bin the stock leaves.", "B-03-12", ""),
        F("to_location", "str", "Bin the stock goes to.", "A-01-01", ""),
        F("units", "int", "Units moved.", 10, 1, ("positive",)),
        F("done", "bool", "Whether the move is finished.", False, False),
    )),
    Entity("PriceBreak", "price_breaks", "A quantity discount offered by a supplier.", (
        F("break_id", "str", "Identifier of the price break.", "PB-1", None, ("nonempty",)),
        F("sku", "str", "Product it applies to.", "HAM-001", ""),
        F("min_units", "int", "Smallest order quantity it applies to.", 50, 1, ("positive",)),
        F("discount", "float", "Fraction off the unit cost.", 0.05, 0.0, ("range", 0.0, 0.9)),
    )),
    Entity("Pallet", "pallets", "A pallet of stock in the bulk area.", (
        F("sscc", "str", "Serial shipping container code.", "340123450000000017", None, ("nonempty",)),
        F("sku", "str", "Product on the pallet.", "HAM-001", ""),
        F("cases", "int", "Cases on the pallet.", 24, 1, ("positive",)),
        F("height_cm", "float", "Height including the pallet.", 140.0, 100.0, ("positive",)),
        F("stackable", "bool", "Whether another pallet may go on top.", True, False),
    )),
]

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
