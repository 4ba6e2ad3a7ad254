from shopcart.cart import Cart, Item
from shopcart.shipping import amount_due


def test_no_discounts() -> None:
    cart = Cart()
    cart.add(Item("mug", 1200), 2)
    assert cart.total_cents() == 2400
    assert amount_due(cart.total_cents()) == 2895


def test_coupon_on_a_sale_item() -> None:
    cart = Cart(coupon_percent=10)
    cart.add(Item("jacket", 10000, sale_percent=30))
    assert cart.total_cents() == 6300
    assert cart.savings_cents() == 3700
