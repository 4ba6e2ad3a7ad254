from contacts.records import Contact, export_contacts, parse_contacts


def test_round_trip() -> None:
    contacts = [Contact("Ann", "ann@example.com", "123"), Contact("Bo", "bo@example.com")]
    assert parse_contacts(export_contacts(contacts)) == contacts


def test_file_without_trailing_newline() -> None:
    text = "name;email;phone\nAnn;ann@example.com;123\nBo;bo@example.com;"
    assert [c.name for c in parse_contacts(text)] == ["Ann", "Bo"]
