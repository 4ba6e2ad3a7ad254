"""Room and staff scheduling toolkit for a training centre."""
