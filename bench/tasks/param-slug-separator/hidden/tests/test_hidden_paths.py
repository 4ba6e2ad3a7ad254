import inspect

from docsite.paths import page_path
from docsite.slug import slugify


def test_slugify_separator() -> None:
    assert slugify("  Hello,  World! ", separator="_") == "hello_world"
    assert slugify("a b c", separator="") == "abc"
    assert slugify("Hello World") == "hello-world"


def test_page_path_passes_it_to_both_parts() -> None:
    assert page_path("API / Reference", "Rate limits", separator=".") == "api.reference/rate.limits.html"


def test_defaults() -> None:
    assert inspect.signature(slugify).parameters["separator"].default == "-"
    assert inspect.signature(page_path).parameters["separator"].default == "-"
