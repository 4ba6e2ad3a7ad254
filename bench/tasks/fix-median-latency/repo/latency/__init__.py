"""Response-time statistics for the service dashboard."""
