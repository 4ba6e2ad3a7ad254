"""Length units for the CAD importer."""
