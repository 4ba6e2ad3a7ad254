"""Stocktaking: counts from handheld scanners, merged per shop."""
