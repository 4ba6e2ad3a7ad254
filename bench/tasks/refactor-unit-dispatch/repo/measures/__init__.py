"""Length conversions for the DIY shop's calculators."""
