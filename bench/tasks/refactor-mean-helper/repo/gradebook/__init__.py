"""Grade book for the evening classes."""
