"""Warehouse inventory toolkit: stock records, locations, reordering and picking."""
