from appconf.settings import DEFAULTS, load_settings


def test_defaults() -> None:
    assert load_settings("", {}) == DEFAULTS


def test_file_then_environment() -> None:
    settings = load_settings("workers = 8\nqueue = fast  # busy\n", {"WORKER_WORKERS": "16"})
    assert settings["workers"] == 16 and settings["queue"] == "fast"


def test_environment_can_switch_debug_off() -> None:
    settings = load_settings("debug = yes\nretries = 5\n", {"WORKER_DEBUG": "false", "WORKER_RETRIES": "0"})
    assert settings["debug"] is False
    assert settings["retries"] == 0
