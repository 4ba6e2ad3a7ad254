"""Daily e-mail digests of team calendar events."""
