from appconfig.settings import load_settings


def test_debug_off() -> None:
    assert load_settings("debug = false\nworkers = 4").debug is False


def test_debug_on() -> None:
    settings = load_settings("debug = true\nworkers = 4")
    assert settings.debug is True
    assert settings.workers == 4
