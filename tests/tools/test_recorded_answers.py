"""The edit parser and the function form on answers small models really wrote (recorded from the
bundled Qwen2.5-Coder-0.5B through `interns run --record`), and the checks before any sandbox run."""

from __future__ import annotations

from pathlib import Path

import pytest

from interns.tools.edits import MalformedAnswer, parse_answer
from interns.tools.edits.checks import DoesNotCompile, UnchangedAnswer, check_candidate
from interns.tools.edits.function_answer import assemble_function, body_lines
from interns.tools.edits.model import EditKind, contents_fingerprint

CHUNKED_HEADER = '''def chunked(items: Sequence[T], size: int) -> list[list[T]]:
    """Split `items` into consecutive batches of `size` items.

    >>> chunked([1, 2, 3, 4, 5], 2)
    [[1, 2], [3, 4], [5]]
    """
'''

# issue 14: the header line inside the fence, then a second fence (recorded on impl-chunked)
HEADER_INSIDE_FENCE = '''```python
batchjobs/chunks.py::chunked
```python
def chunked(items: Sequence[T], size: int) -> list[list[T]]:
    """Split `items` into consecutive batches of `size` items."""
    if size < 1:
        raise ValueError("size must be at least 1")
    return [list(items[i : i + size]) for i in range(0, len(items), size)]
```'''

# a continuation of the prefilled header: the body, then an example call and prose (fix-parse-bool)
CONTINUATION_WITH_TRAILER = '''    if text.strip().lower() in TRUE_WORDS:
        return True
    elif text.strip().lower() in FALSE_WORDS:
        return False
    else:
        raise ValueError("Invalid boolean setting")

# Test the function with the provided test case
def test_debug_off():
    assert load_settings("debug = false\\nworkers = 4").debug is False
```

In the provided code, the `parse_bool` function checks if the input string is in the `TRUE_WORDS` or `FALSE_WORDS` list.'''

PARSE_BOOL_HEADER = '''def parse_bool(text: str) -> bool:
    """Read a boolean setting.

    true/yes/on/1 mean True, false/no/off/0 mean False.
    """
'''


def test_a_header_line_inside_the_fence_names_the_file_and_symbol() -> None:
    [edit] = parse_answer(HEADER_INSIDE_FENCE, default_path="batchjobs/chunks.py")
    assert (edit.path, edit.kind, edit.symbol) == ("batchjobs/chunks.py", EditKind.SYMBOL, "chunked")
    assert edit.content.startswith("def chunked(") and "batchjobs/chunks.py" not in edit.content and "```" not in edit.content


def test_a_missing_closing_fence_at_the_end_is_recovered() -> None:
    [edit] = parse_answer("Here is the fix:\n\nsrc/a.py\n```python\ndef f():\n    return 2\n\n")
    assert (edit.path, edit.content) == ("src/a.py", "def f():\n    return 2\n")


def test_leading_prose_and_an_echoed_prompt_leave_the_last_version() -> None:
    answer = "Sure! The file was:\n\nsrc/a.py\n```python\nx = 1\n```\n\nThe new file:\n\nsrc/a.py\n```python\nx = 2\n```\nDone."
    [edit] = parse_answer(answer)
    assert edit.content == "x = 2\n"


def test_the_continuation_stops_at_the_first_top_level_line() -> None:
    code = assemble_function(PARSE_BOOL_HEADER, CONTINUATION_WITH_TRAILER, "parse_bool")
    assert code.startswith(PARSE_BOOL_HEADER)
    assert code.rstrip().endswith('raise ValueError("Invalid boolean setting")')
    assert "test_debug_off" not in code and "```" not in code


def test_a_continuation_that_restates_the_header_is_taken_whole() -> None:
    restated = "def parse_bool(text):\n    return text.strip().lower() in {'true'}\n```\n"
    assert assemble_function(PARSE_BOOL_HEADER, restated, "parse_bool") == "def parse_bool(text):\n    return text.strip().lower() in {'true'}\n"


def test_without_prefill_the_function_is_found_in_the_answer() -> None:
    answer = "Here you go:\n```python\nfrom typing import Sequence\n\ndef chunked(items, size):\n    return [list(items[i:i + size]) for i in range(0, len(items), size)]\n\nprint(chunked([1, 2, 3], 2))\n```"
    code = assemble_function("", answer, "chunked")
    assert code.startswith("def chunked(items, size):") and "print(" not in code


@pytest.mark.parametrize(
    ("continuation", "message"),
    [
        ("    raise NotImplementedError\n```", "still a stub"),
        ("    pass\n", "still a stub"),
        ("    return [items[i:i+size] for i in range(0, len(items), size)\n```", "does not compile"),
        ("```\n\nI cannot do that.", "no definition"),
        ("\n\n", "no body"),
    ],
)
def test_unusable_continuations_are_refused_with_the_reason(continuation: str, message: str) -> None:
    with pytest.raises(MalformedAnswer, match=message):
        assemble_function(CHUNKED_HEADER, continuation, "chunked")


def test_lines_inside_a_multiline_string_are_kept_whatever_their_indent() -> None:
    body = body_lines('    text = """\nflush left\n"""\n    return text\nprint(1)\n', 0)
    assert body == ['    text = """', "flush left", '"""', "    return text"]


def test_candidates_that_change_nothing_or_do_not_compile_never_reach_the_sandbox(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    with pytest.raises(UnchangedAnswer, match="exactly as it was"):
        check_candidate(tmp_path, {"a.py": "x = 1\n"})
    with pytest.raises(DoesNotCompile, match="a.py would not compile"):
        check_candidate(tmp_path, {"a.py": "batchjobs/chunks.py::chunked\ndef f(:\n"})
    check_candidate(tmp_path, {"a.py": "x = 2\n"})
    check_candidate(tmp_path, {"notes.txt": "not python ("})


def test_identical_candidates_share_a_fingerprint() -> None:
    assert contents_fingerprint({"a.py": "x = 1\n"}) == contents_fingerprint({"a.py": "x = 1   \n\n"})
    assert contents_fingerprint({"a.py": "x = 1\n"}) != contents_fingerprint({"a.py": "x = 2\n"})
    assert contents_fingerprint({"a.py": "x\n", "b.py": "y\n"}) == contents_fingerprint({"b.py": "y\n", "a.py": "x\n"})
