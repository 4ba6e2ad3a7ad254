from blog.slug import slugify
from blog.unique import unique_slug


def test_slugify_edges() -> None:
    assert slugify("") == ""
    assert slugify("Ünïcode & more") == "n-code-more"
    assert slugify("a--b") == "a-b"


def test_empty_title_uses_post() -> None:
    assert unique_slug("???", set()) == "post"
    assert unique_slug("", {"post"}) == "post-2"


def test_gap_in_numbers() -> None:
    assert unique_slug("A", {"a", "a-3"}) == "a-2"


def test_taken_not_modified() -> None:
    taken = {"a"}
    unique_slug("A", taken)
    assert taken == {"a"}
