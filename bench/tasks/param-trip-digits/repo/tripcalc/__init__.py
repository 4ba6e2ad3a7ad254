"""Trip distances for the expense claims tool."""
