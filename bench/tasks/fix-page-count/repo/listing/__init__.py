"""Paginated product listing."""
