"""Household ledger imported from bank CSV files."""
