"""Static documentation site builder."""
