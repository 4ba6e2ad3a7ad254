"""Deadlines for the support desk's service-level agreements."""
