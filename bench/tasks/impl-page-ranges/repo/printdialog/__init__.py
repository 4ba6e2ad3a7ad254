"""The print dialog of the document viewer."""
