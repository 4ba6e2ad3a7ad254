import pytest

from deploykit.envfile import parse_env


def test_simple_pairs_and_comments() -> None:
    text = "# staging\nHOST=staging.internal\n\nPORT = 8080\n"
    assert parse_env(text) == {"HOST": "staging.internal", "PORT": "8080"}


def test_quoted_value() -> None:
    assert parse_env('GREETING="hello world"') == {"GREETING": "hello world"}


def test_bad_line() -> None:
    with pytest.raises(ValueError, match="line 2"):
        parse_env("A=1\nnot a pair\n")
