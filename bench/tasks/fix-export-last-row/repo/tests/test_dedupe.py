from contacts.dedupe import dedupe, phone_key
from contacts.records import Contact


def test_phone_key() -> None:
    assert phone_key("+49 (30) 123-4") == "49301234"


def test_dedupe_merges_same_email() -> None:
    contacts = [Contact("Ann", "ANN@example.com"), Contact("Ann Lee", "ann@example.com", "55"), Contact("Bo", "bo@x.org")]
    assert dedupe(contacts) == [Contact("Ann Lee", "ANN@example.com", "55"), Contact("Bo", "bo@x.org")]
