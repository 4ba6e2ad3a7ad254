import pytest

from deploykit.envfile import parse_env


def test_export_prefix() -> None:
    assert parse_env("export TOKEN=abc") == {"TOKEN": "abc"}


def test_single_quotes_keep_inner_spaces() -> None:
    assert parse_env("MOTD='  hi  '") == {"MOTD": "  hi  "}


def test_equals_in_value() -> None:
    assert parse_env("DSN=postgres://u@h/db?sslmode=require") == {"DSN": "postgres://u@h/db?sslmode=require"}


def test_later_line_wins() -> None:
    assert parse_env("A=1\nA=2\n") == {"A": "2"}


def test_indented_comment_and_empty_value() -> None:
    assert parse_env("   # note\nEMPTY=\n") == {"EMPTY": ""}


def test_unmatched_quote_is_kept() -> None:
    assert parse_env("X=\"abc") == {"X": "\"abc"}


def test_empty_key() -> None:
    with pytest.raises(ValueError, match="line 3"):
        parse_env("A=1\n\n=value\n")


def test_empty_text() -> None:
    assert parse_env("") == {}
