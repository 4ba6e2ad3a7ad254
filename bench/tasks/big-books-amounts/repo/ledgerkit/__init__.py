"""Small-business bookkeeping toolkit: accounts, invoices, payments and reports."""
