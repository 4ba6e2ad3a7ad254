import pytest

from shopcart.cart import Cart, Item
from shopcart.discounts import apply_percent, combined_price


def test_combined_in_order_with_rounding() -> None:
    assert combined_price(999, [15, 15]) == 722
    assert combined_price(1000, []) == 1000
    assert combined_price(1000, [50, 50, 50]) == 125
    assert combined_price(1000, [100, 20]) == 0


def test_bad_percent() -> None:
    with pytest.raises(ValueError):
        combined_price(1000, [10, 120])
    with pytest.raises(ValueError):
        apply_percent(100, -1)


def test_cart_mix() -> None:
    cart = Cart(coupon_percent=20)
    cart.add(Item("a", 2500, sale_percent=50), 2)
    cart.add(Item("b", 1999))
    assert cart.total_cents() == 2 * 1000 + 1599
