"""Full-text search over meeting notes."""
