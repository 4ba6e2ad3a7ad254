import pytest

from appconf.settings import load_settings


def test_empty_string_from_environment_is_a_value() -> None:
    assert load_settings("queue = fast", {"WORKER_QUEUE": ""})["queue"] == ""


def test_zero_float_and_bool_variants() -> None:
    settings = load_settings("timeout = 12.5\ndebug = on", {"WORKER_TIMEOUT": "0", "WORKER_DEBUG": "No"})
    assert settings["timeout"] == 0.0 and settings["debug"] is False


def test_unset_keeps_file_value() -> None:
    assert load_settings("workers = 2", {"OTHER": "1"})["workers"] == 2


def test_bad_environment_value() -> None:
    with pytest.raises(ValueError):
        load_settings("", {"WORKER_WORKERS": "many"})


def test_unknown_file_key() -> None:
    with pytest.raises(KeyError):
        load_settings("colour = red", {})
