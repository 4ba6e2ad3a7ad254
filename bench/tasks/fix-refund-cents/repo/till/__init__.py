"""Point-of-sale receipts for the shop's till."""
