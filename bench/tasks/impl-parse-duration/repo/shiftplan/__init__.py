"""Shift planning for the support rota."""
