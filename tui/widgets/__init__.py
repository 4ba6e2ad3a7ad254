"""Widgets of the run view and the picker."""
