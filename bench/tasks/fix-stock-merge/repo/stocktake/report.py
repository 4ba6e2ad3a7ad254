"""Differences between counted and booked stock."""

from __future__ import annotations

from collections.abc import Mapping

from stocktake.counts import merge_counts


def shop_count(zones: list[Mapping[str, int]]) -> dict[str, int]:
    """The whole shop's count from the counts of its zones."""
    if not zones:
        return {}
    total = dict(zones[0])
    for zone in zones[1:]:
        total = merge_counts(total, zone)
    return total


def differences(counted: Mapping[str, int], booked: Mapping[str, int]) -> dict[str, int]:
    """counted - booked for every barcode where they differ (missing counts as 0), sorted."""
    barcodes = sorted(set(counted) | set(booked))
    diffs = {code: counted.get(code, 0) - booked.get(code, 0) for code in barcodes}
    return {code: diff for code, diff in diffs.items() if diff}


def report_lines(diffs: Mapping[str, int]) -> list[str]:
    """"<barcode>: +n" or "<barcode>: -n" lines."""
    return [f"{code}: {diff:+d}" for code, diff in diffs.items()]
