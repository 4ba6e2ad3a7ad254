"""Per-client rate limits for the API gateway."""
