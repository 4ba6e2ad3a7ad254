"""Daily digest of the newsroom's wire stories."""
