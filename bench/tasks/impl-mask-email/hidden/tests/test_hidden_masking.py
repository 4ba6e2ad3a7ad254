import pytest

from customerdb.masking import mask_email


@pytest.mark.parametrize(
    ("address", "masked"),
    [("a@b.c", "*@b.c"), ("abc@d.e", "a*c@d.e"), ("xy@host", "**@host"), ("first.last+tag@mail.example", "f************g@mail.example")],
)
def test_masks(address: str, masked: str) -> None:
    assert mask_email(address) == masked


@pytest.mark.parametrize("address", ["no-at-sign", "a@b@c", ""])
def test_invalid(address: str) -> None:
    with pytest.raises(ValueError):
        mask_email(address)
