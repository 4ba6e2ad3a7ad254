from layercfg.merge import deep_merge


def test_nested_merge() -> None:
    base = {"db": {"host": "localhost", "port": 5432}, "debug": False}
    override = {"db": {"host": "db.internal"}, "debug": True}
    assert deep_merge(base, override) == {"db": {"host": "db.internal", "port": 5432}, "debug": True}
