import pytest

from listing.pages import page_count


@pytest.mark.parametrize(("total", "per_page", "pages"), [(0, 5, 0), (1, 10, 1), (9, 10, 1), (10, 10, 1), (21, 10, 3), (7, 1, 7)])
def test_counts(total: int, per_page: int, pages: int) -> None:
    assert page_count(total, per_page) == pages


def test_bad_per_page() -> None:
    with pytest.raises(ValueError):
        page_count(3, 0)
