"""URL slugs for page titles."""

from __future__ import annotations


def slugify(title: str) -> str:
    """Turn a page title into a URL slug.

    Rules:
    - ASCII letters are lower-cased; ASCII letters and digits are kept.
    - Every run of other characters (spaces, punctuation, accented letters, ...) becomes one "-".
    - The slug never starts or ends with "-".

    >>> slugify("Hello, World!")
    'hello-world'
    >>> slugify("  Release 2.0 -- notes ")
    'release-2-0-notes'
    """
    raise NotImplementedError
