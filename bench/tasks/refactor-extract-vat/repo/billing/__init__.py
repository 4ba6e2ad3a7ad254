"""Invoice arithmetic for the billing service."""
