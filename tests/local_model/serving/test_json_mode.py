"""JSON mode's checker (no server): valid JSON passes untouched, anything else becomes the longest
valid prefix, completed, so the answer always parses."""

from __future__ import annotations

import json
import random

import pytest

from interns.local_model.serving.json_mode import JsonPrefix


def _answer(text: str, size: int = 1000) -> str:
    checker = JsonPrefix()
    out = "".join(checker.feed(text[start : start + size]) for start in range(0, len(text), size))
    return out + checker.completion()


@pytest.mark.parametrize(
    "text,expected",
    [
        ('{"name": "Rex", "tags": [1, -2.5e3, true, null, {"a": "\\u00e9\\n"}]}', None),
        ("{}", None),
        ('{"a": [ ]}', None),
        ('{"a": 1}\n```\nThat is the object.', '{"a": 1}'),  # text after the value is dropped
        ('{"a": "line\nbreak"}', '{"a": "line\\nbreak"}'),  # raw control characters are escaped
        ('{"a": 1, ', '{"a": 1, "": null}'),
        ('{"a": tr', '{"a": true}'),
        ('{"ke', '{"ke": null}'),
        ('{"k": 1.', '{"k": 1.0}'),
        ('{"k": "\\u12', '{"k": "\\u1200"}'),
        ('{"k": [1,', '{"k": [1,null]}'),
        ('{"k": [', '{"k": []}'),
        ('{"a": 01}', '{"a": 0}'),
        ('{"a": [1 2]}', '{"a": [1 ]}'),
        ("{ name: 'x' }", "{ }"),
        ("{", "{}"),
    ],
)
def test_answers_are_cut_and_completed(text: str, expected: str | None) -> None:
    for size in (1, 4, 1000):
        answer = _answer(text, size)
        assert answer == (text if expected is None else expected)
        json.loads(answer)


def test_any_text_after_the_brace_gives_parseable_json() -> None:
    rng = random.Random(16)
    alphabet = list('{}[]",:0123456789.eE+-tfnrul \\\nabx')
    for _ in range(3000):
        text = "{" + "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        answer = _answer(text, rng.randint(1, 5))
        assert isinstance(json.loads(answer), dict), (text, answer)
        assert text.startswith(answer[:1])
