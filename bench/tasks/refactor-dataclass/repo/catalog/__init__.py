"""Product catalogue of the web shop."""
