"""interns: a local-first multi-agent coding assistant (crisp specs in, validated git commits out)."""

__version__ = "0.1.0"
