"""The app's screens: the spec picker and the run view."""
