"""Uptime numbers for the status page."""
