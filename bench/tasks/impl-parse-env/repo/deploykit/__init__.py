"""Deployment helpers for the staging servers."""
