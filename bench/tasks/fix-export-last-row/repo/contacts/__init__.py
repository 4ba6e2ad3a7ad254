"""Address book import and export for the CRM."""
