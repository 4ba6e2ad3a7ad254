"""Hiding personal data before it reaches the logs."""

from __future__ import annotations


def mask_email(address: str) -> str:
    """Hide the local part of an e-mail address.

    Keep the first and the last character of the part before "@" and replace every character
    between them with "*". A local part of 1 or 2 characters becomes all "*". The domain is
    kept as is. An address that does not contain exactly one "@" raises ValueError.

    >>> mask_email("john.doe@example.com")
    'j******e@example.com'
    >>> mask_email("al@x.org")
    '**@x.org'
    """
    raise NotImplementedError
