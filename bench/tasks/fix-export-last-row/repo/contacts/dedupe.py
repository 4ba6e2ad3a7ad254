"""Finding the same person twice in an address book."""

from __future__ import annotations

from contacts.records import Contact


def email_key(email: str) -> str:
    """The e-mail address as compared for duplicates: trimmed and lower-cased."""
    return email.strip().lower()


def phone_key(phone: str) -> str:
    """The digits of a phone number ("+49 (30) 123-4" -> "49301234")."""
    return "".join(ch for ch in phone if ch.isdigit())


def merge(first: Contact, second: Contact) -> Contact:
    """One contact from two records of the same person: the longer name, the first non-empty phone."""
    name = first.name if len(first.name) >= len(second.name) else second.name
    return Contact(name, first.email, first.phone or second.phone)


def dedupe(contacts: list[Contact]) -> list[Contact]:
    """Contacts with duplicates (same e-mail, ignoring case) merged, in first-seen order."""
    by_email: dict[str, Contact] = {}
    for contact in contacts:
        key = email_key(contact.email)
        by_email[key] = merge(by_email[key], contact) if key in by_email else contact
    return list(by_email.values())
