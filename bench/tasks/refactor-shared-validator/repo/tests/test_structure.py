from pathlib import Path

import pytest

from bakery import orders

ROOT = Path(__file__).resolve().parents[1]


def test_one_check() -> None:
    assert orders.check_quantity(7) == 7
    with pytest.raises(ValueError):
        orders.check_quantity(0)
    assert (ROOT / "bakery" / "orders.py").read_text().count("1 <= quantity <= 50") == 1
