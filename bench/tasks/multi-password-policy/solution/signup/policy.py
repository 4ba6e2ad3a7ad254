"""The password policy."""

from __future__ import annotations

from signup.classes import char_classes

MIN_LENGTH = 10


def password_problems(password: str, username: str) -> list[str]:
    """Messages for what is wrong with a password (too short, too few kinds, contains the user name)."""
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append("too short")
    if len(char_classes(password)) < 3:
        problems.append("needs 3 kinds of characters")
    if len(username) >= 3 and username.lower() in password.lower():
        problems.append("contains the user name")
    return problems
