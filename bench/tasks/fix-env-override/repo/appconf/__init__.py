"""Settings for the worker service: defaults, a config file, then environment variables."""
