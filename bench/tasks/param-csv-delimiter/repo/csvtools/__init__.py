"""CSV helpers for the finance team's exports."""
