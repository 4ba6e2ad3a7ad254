"""Invoice numbering for the accounting export."""
