"""Log scanning for the on-call dashboard."""
