"""Stock valuation from the warehouse CSV."""
