"""Counts of items by barcode."""

from __future__ import annotations

from collections.abc import Iterable, Mapping


def read_scans(lines: Iterable[str]) -> dict[str, int]:
    """Counts from scanner lines "<barcode>" or "<barcode> x<n>"; blank lines are skipped."""
    counts: dict[str, int] = {}
    for line in lines:
        line = line.strip()
        if not line:
            continue
        barcode, _, times = line.partition(" x")
        counts[barcode] = counts.get(barcode, 0) + (int(times) if times else 1)
    return counts


def merge_counts(first: Mapping[str, int], second: Mapping[str, int]) -> dict[str, int]:
    """Two counts of different parts of the shop added up: every barcode of either count, with the
    sum of its numbers, sorted by barcode."""
    merged = {}
    for barcode, number in first.items():
        merged[barcode] = number + second.get(barcode, 0)
    return dict(sorted(merged.items()))
