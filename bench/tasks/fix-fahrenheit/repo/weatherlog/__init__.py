"""Weather station log processing."""
