"""The monthly member newsletter, rendered as HTML."""
