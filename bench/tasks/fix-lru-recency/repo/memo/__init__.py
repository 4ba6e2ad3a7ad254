"""Caching helpers for the image thumbnailer."""
