from blog.slug import slugify


def test_slugify() -> None:
    assert slugify("Hello, World!") == "hello-world"
    assert slugify("  10 Tips -- for Python  ") == "10-tips-for-python"
