"""Shipping quotes for the mail-order warehouse."""
