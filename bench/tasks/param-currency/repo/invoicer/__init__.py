"""Monthly invoice summaries."""
