"""Monthly sales report from the shop's CSV exports."""
