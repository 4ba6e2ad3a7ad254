"""Headline and teaser formatting for the news site."""
