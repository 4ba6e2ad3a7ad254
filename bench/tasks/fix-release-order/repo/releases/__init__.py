"""Release notes pages for the downloads site."""
