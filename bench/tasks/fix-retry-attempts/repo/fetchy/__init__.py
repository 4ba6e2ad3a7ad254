"""A small HTTP client wrapper with retries for the sync service."""
