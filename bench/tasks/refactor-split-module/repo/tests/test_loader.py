import pytest

from svcconfig.loader import load_config


def test_load() -> None:
    assert load_config("# api\nhost = API.internal\nport = 8443\nname = api\n") == {"host": "api.internal", "port": 8443, "name": "api"}


def test_bad_port() -> None:
    with pytest.raises(ValueError):
        load_config("port = 70000")
