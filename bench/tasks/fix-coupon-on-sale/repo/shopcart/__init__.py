"""Shopping cart pricing for the web shop."""
