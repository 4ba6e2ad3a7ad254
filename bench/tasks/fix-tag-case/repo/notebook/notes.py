"""Notes and searching them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from notebook.tags import clean_tag, split_tags


@dataclass
class Note:
    """One note: a title, a body, its tags (canonical form) and when it was written."""

    title: str
    body: str = ""
    tags: list[str] = field(default_factory=list)
    written: date = date(2024, 1, 1)

    @classmethod
    def from_form(cls, title: str, body: str, tag_field: str, written: date) -> "Note":
        """A note from the editor form, whose tag field is comma-separated."""
        if not title.strip():
            raise ValueError("a note needs a title")
        return cls(title.strip(), body, split_tags(tag_field), written)

    def has_tag(self, raw: str) -> bool:
        """Whether the note carries the tag, however it is typed."""
        return clean_tag(raw) in self.tags

    def words(self) -> int:
        """The number of words in the body."""
        return len(self.body.split())


def search(notes: list[Note], text: str) -> list[Note]:
    """Notes whose title or body contains `text` (ignoring case), newest first."""
    wanted = text.casefold()
    found = [note for note in notes if wanted in note.title.casefold() or wanted in note.body.casefold()]
    return sorted(found, key=lambda note: note.written, reverse=True)


def with_tag(notes: list[Note], raw: str) -> list[Note]:
    """Notes carrying a tag, in their order."""
    return [note for note in notes if note.has_tag(raw)]
