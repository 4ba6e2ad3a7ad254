import pytest

from customerdb.masking import mask_email


def test_long_local_part() -> None:
    assert mask_email("john.doe@example.com") == "j******e@example.com"


def test_short_local_part() -> None:
    assert mask_email("al@x.org") == "**@x.org"


def test_no_at_sign() -> None:
    with pytest.raises(ValueError):
        mask_email("john.example.com")
