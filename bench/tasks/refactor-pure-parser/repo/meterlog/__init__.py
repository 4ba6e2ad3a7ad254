"""Electricity meter readings from the smart-meter export."""
