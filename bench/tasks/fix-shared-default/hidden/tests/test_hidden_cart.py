from shopcart.cart import Cart


def test_many_default_carts_are_independent() -> None:
    carts = [Cart(name) for name in "abc"]
    carts[0].add("X")
    carts[2].add("Y")
    assert [cart.items for cart in carts] == [["X"], [], ["Y"]]


def test_given_items_are_copied() -> None:
    start = ["A"]
    cart = Cart("ann", start)
    start.append("B")
    cart.add("C")
    assert cart.items == ["A", "C"]
    assert start == ["A", "B"]


def test_owner_and_count() -> None:
    cart = Cart("zoe", ["A", "B"])
    assert cart.owner == "zoe"
    assert cart.count() == 2
