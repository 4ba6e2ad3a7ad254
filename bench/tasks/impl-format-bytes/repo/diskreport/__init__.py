"""Disk usage report for the build farm."""
