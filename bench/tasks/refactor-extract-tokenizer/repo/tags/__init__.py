"""Metadata tags attached to uploaded photos."""
