"""Layered JSON configuration (defaults, site, local)."""
