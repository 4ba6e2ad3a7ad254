"""Page hit counters for the intranet."""
