"""Sliding-log rate limiting for the webhook sender."""
