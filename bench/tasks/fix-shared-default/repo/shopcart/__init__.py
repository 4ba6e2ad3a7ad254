"""Shopping carts for the web shop."""
