from auditlog.diff import diff_settings
from auditlog.log import audit_entry


def test_nothing_changed() -> None:
    assert diff_settings({"a": [1]}, {"a": [1]}) == []
    assert audit_entry("kim", {}, {}) == "kim changed nothing"


def test_nested() -> None:
    old = {"db": {"host": "x", "port": 5432, "opts": {"ssl": True}}, "name": "svc"}
    new = {"db": {"host": "x", "port": 5433, "opts": {"ssl": False, "pool": 5}}, "name": "svc"}
    assert diff_settings(old, new) == [
        "+ db.opts.pool = 5",
        "~ db.opts.ssl: True -> False",
        "~ db.port: 5432 -> 5433",
    ]


def test_dict_replaced_by_value() -> None:
    assert diff_settings({"x": {"a": 1}}, {"x": 2}) == ["~ x: {'a': 1} -> 2"]
    assert diff_settings({}, {"x": {"a": 1}}) == ["+ x = {'a': 1}"]


def test_sorted_keys_and_none() -> None:
    assert diff_settings({"b": None, "a": 1}, {"b": 0, "c": None}) == ["- a", "~ b: None -> 0", "+ c = None"]
