"""Phone-order entry for the wholesale desk."""
