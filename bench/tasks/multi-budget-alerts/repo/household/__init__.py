"""Household budget tracking from bank exports."""
