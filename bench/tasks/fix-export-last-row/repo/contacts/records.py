"""Contacts and the semicolon-separated files the CRM exports."""

from __future__ import annotations

from dataclasses import dataclass

from contacts.textio import logical_lines, strip_bom

HEADER = "name;email;phone"


@dataclass(frozen=True)
class Contact:
    name: str
    email: str
    phone: str = ""


def parse_contacts(text: str) -> list[Contact]:
    """Contacts from an export: a "name;email;phone" header, then one contact per line.

    Blank lines are skipped; a line without exactly three fields raises ValueError naming its
    line number (the header is line 1).
    """
    lines = logical_lines(strip_bom(text))
    if not lines or lines[0].strip() != HEADER:
        raise ValueError(f"the first line must be {HEADER!r}")
    contacts = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = [field.strip() for field in line.split(";")]
        if len(fields) != 3:
            raise ValueError(f"line {number}: expected 3 fields, got {len(fields)}")
        contacts.append(Contact(*fields))
    return contacts


def export_contacts(contacts: list[Contact]) -> str:
    """The export format of parse_contacts, ending with a newline."""
    rows = [HEADER] + [f"{c.name};{c.email};{c.phone}" for c in contacts]
    return "\n".join(rows) + "\n"
