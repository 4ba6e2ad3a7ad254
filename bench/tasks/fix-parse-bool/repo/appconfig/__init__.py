"""Settings for the reporting service."""
