"""Polls for the intranet: votes, results and the results page."""
