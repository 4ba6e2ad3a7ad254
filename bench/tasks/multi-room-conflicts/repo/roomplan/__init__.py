"""Meeting-room booking checks."""
