from blog.unique import unique_slug


def test_free_slug() -> None:
    assert unique_slug("Hello World", set()) == "hello-world"


def test_taken_slug() -> None:
    assert unique_slug("Hello World", {"hello-world", "hello-world-2"}) == "hello-world-3"
