"""A repository whose `parse_bool` is wrong, and model answers for it (continuations of the function's
prefilled header): shared by the function-form and cascade tests."""

from __future__ import annotations

VALUES = '''"""Typed values read from settings files."""

TRUE_WORDS = {"true", "yes", "on", "1"}
FALSE_WORDS = {"false", "no", "off", "0"}


def parse_bool(text: str) -> bool:
    """Read a boolean setting: true/yes/on/1 or false/no/off/0, any case, spaces ignored.

    >>> parse_bool(" Off ")
    False
    """
    return bool(text)


def parse_int(text: str) -> int:
    return int(text.strip())
'''
FILES = {
    "appconfig/__init__.py": "",
    "appconfig/values.py": VALUES,
    "tests/test_values.py": "from appconfig.values import parse_bool\n\n\ndef test_false() -> None:\n    assert parse_bool('false') is False\n",
    ".interns/specs/bool.md": """
        ---
        id: parse-bool
        title: Setting debug to false turns debugging on
        files: [appconfig/values.py]
        accept: ["python -m pytest -q -p no:cacheprovider tests/test_values.py"]
        budget: {attempts: 3}
        ---
        `parse_bool` treats every non-empty string as true; make it do what its docstring says.
        """,
}
# continuations of the prefilled header (the model writes only the body)
WRONG = "    return text.strip().lower() != 'false'\n```\n"  # passes the test, fails the docstring example
STILL_WRONG = "    return text == 'false'\n```\n"  # passes the docstring example, fails the test
RIGHT = "    word = text.strip().lower()\n    if word in TRUE_WORDS:\n        return True\n    if word in FALSE_WORDS:\n        return False\n    raise ValueError(text)\n```\n"
