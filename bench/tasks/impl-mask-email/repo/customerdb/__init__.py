"""Customer records for the support desk."""
