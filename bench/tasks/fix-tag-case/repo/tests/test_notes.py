from datetime import date

import pytest

from notebook.notes import Note, search


def test_from_form() -> None:
    note = Note.from_form(" Lisbon ", "tram 28", "travel, food", date(2024, 5, 2))
    assert note.title == "Lisbon" and note.tags == ["travel", "food"] and note.words() == 2


def test_needs_title() -> None:
    with pytest.raises(ValueError):
        Note.from_form(" ", "", "", date(2024, 5, 2))


def test_search_newest_first() -> None:
    old = Note("Soup", "leek soup", written=date(2023, 1, 1))
    new = Note("More soup", "", written=date(2024, 1, 1))
    assert search([old, new], "SOUP") == [new, old]
