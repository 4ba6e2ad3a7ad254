"""The password policy."""

from __future__ import annotations

MIN_LENGTH = 10


def password_problems(password: str, username: str) -> list[str]:
    """What is wrong with a password, as messages in this order (an empty list when it is fine):

    - "too short" when it has fewer than MIN_LENGTH characters;
    - "needs 3 kinds of characters" when char_classes finds fewer than 3 of its 4 kinds;
    - "contains the user name" when the user name (ignoring case; only names of 3 or more
      characters are checked) appears in it.
    """
    raise NotImplementedError
