"""Course grade summaries for teachers."""
