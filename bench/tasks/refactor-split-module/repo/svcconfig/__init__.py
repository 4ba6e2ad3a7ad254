"""Service configuration files."""
