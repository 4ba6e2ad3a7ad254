from docsite.paths import page_path


def test_default_separator() -> None:
    assert page_path("User Guide", "Getting Started") == "user-guide/getting-started.html"


def test_underscore_separator() -> None:
    assert page_path("User Guide", "Getting Started", separator="_") == "user_guide/getting_started.html"
