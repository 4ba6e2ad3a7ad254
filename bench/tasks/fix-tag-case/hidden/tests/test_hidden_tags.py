from datetime import date

from notebook.cloud import tag_counts
from notebook.notes import Note, with_tag
from notebook.tags import clean_tag, split_tags


def test_clean_tag() -> None:
    assert clean_tag("  #Road   Trip ") == "road-trip"
    assert clean_tag("ÉTÉ") == "été"
    assert clean_tag("#") == ""


def test_split_tags() -> None:
    assert split_tags("A, ,b ,#C d,") == ["a", "b", "c-d"]


def test_note_has_tag_any_case() -> None:
    note = Note.from_form("Trip", "", "Road Trip", date(2024, 6, 1))
    assert note.has_tag("#ROAD trip") and with_tag([note], "road-trip") == [note]


def test_one_note_counts_once() -> None:
    assert tag_counts(["Food, food, FOOD"]) == {"food": 1}
