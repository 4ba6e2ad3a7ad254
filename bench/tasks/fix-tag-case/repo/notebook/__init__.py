"""A personal notes app with tags."""
