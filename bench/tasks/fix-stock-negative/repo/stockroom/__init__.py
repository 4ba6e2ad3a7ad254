"""Stock levels for the shop's back room."""
