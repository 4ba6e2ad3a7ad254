import dataclasses

from catalog.product import Product
from catalog.search import tagged


def test_behaviour() -> None:
    mug = Product("MUG-1", "Mug", 8.5, ("kitchen",))
    assert repr(mug) == "Product(sku='MUG-1', name='Mug', price=8.5, tags=('kitchen',))"
    assert mug.with_price(9.0) == Product("MUG-1", "Mug", 9.0, ("kitchen",))
    assert tagged([mug, Product("PEN", "Pen", 1.0)], "kitchen") == [mug]


def test_is_a_dataclass() -> None:
    assert dataclasses.is_dataclass(Product)
