"""Small text helpers used by the docs site generator."""
