"""Caching exchange rates fetched from the rates service."""
