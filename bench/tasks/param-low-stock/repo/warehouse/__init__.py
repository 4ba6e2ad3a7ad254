"""Warehouse stock reports."""
