"""Order forms of the bakery's web shop."""
