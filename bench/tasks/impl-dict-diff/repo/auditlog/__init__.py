"""Audit log of configuration changes for the admin console."""
