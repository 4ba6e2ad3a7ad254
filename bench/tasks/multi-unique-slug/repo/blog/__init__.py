"""A small static blog engine."""
