"""Weekly sales reports for the shops."""
