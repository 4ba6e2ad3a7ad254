from auditlog.diff import diff_settings
from auditlog.log import audit_entry


def test_flat() -> None:
    assert diff_settings({"a": 1, "b": 2}, {"b": 3, "c": 4}) == ["- a", "~ b: 2 -> 3", "+ c = 4"]


def test_entry() -> None:
    assert audit_entry("kim", {"mode": "dev"}, {"mode": "prod"}) == "kim changed 1 setting(s):\n  ~ mode: 'dev' -> 'prod'"
