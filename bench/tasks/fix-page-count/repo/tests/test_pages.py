from listing.pages import page_count, page_slice


def test_full_pages() -> None:
    assert page_count(10, 5) == 2


def test_last_page_partly_filled() -> None:
    assert page_count(11, 5) == 3


def test_slice() -> None:
    assert list(range(12))[page_slice(3, 5)] == [10, 11]
