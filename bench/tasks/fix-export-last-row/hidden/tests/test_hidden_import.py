import pytest

from contacts.records import Contact, parse_contacts
from contacts.textio import logical_lines


def test_logical_lines() -> None:
    assert logical_lines("a\nb") == ["a", "b"]
    assert logical_lines("a\nb\n") == ["a", "b"]
    assert logical_lines("a\r\n\r\nb\r\n") == ["a", "", "b"]
    assert logical_lines("") == []


def test_windows_file_without_final_newline() -> None:
    text = "\ufeffname;email;phone\r\nCy;cy@example.com;9\r\n\r\nDi;di@example.com;7"
    assert parse_contacts(text) == [Contact("Cy", "cy@example.com", "9"), Contact("Di", "di@example.com", "7")]


def test_header_only() -> None:
    assert parse_contacts("name;email;phone") == []


def test_bad_last_line_is_reported() -> None:
    with pytest.raises(ValueError, match="line 3"):
        parse_contacts("name;email;phone\nAnn;a@example.com;1\nBo;b@example.com")
