"""Text statistics for the editors' style checker."""
