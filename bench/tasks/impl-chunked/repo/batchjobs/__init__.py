"""Batch jobs that push records to the search index."""
