from shopcart.cart import Cart


def test_carts_do_not_share_items() -> None:
    first = Cart("ann")
    first.add("BOOK-1")
    second = Cart("bob")
    assert second.count() == 0
    assert first.count() == 1
