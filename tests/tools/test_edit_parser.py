"""The edit protocol parser on the answer shapes small models actually produce."""

from __future__ import annotations

from pathlib import Path

import pytest

from interns.tools.edits import EditKind, MalformedAnswer, apply_edits, check_scope, parse_answer
from interns.tools.edits.apply import ApplyError, OutOfScopeError


@pytest.mark.parametrize(
    "header",
    ["src/app.py", "**src/app.py**", "`src/app.py`", "File: src/app.py", "### src/app.py", "# src/app.py", "./src/app.py:"],
)
def test_whole_file_path_line_variants(header: str) -> None:
    answer = f"Sure.\n\n{header}\n```python\nx = 1\n```\n"
    [edit] = parse_answer(answer)
    assert edit.path == "src/app.py" and edit.kind is EditKind.WHOLE_FILE and edit.content == "x = 1\n"


def test_path_in_fence_info_and_in_first_comment_line() -> None:
    [edit] = parse_answer("```python src/a.py\ny = 2\n```")
    assert edit.path == "src/a.py"
    [edit] = parse_answer("```python\n# file: src/b.py\nz = 3\n```")
    assert edit.path == "src/b.py" and edit.content == "z = 3\n"


def test_a_second_fence_opened_inside_the_first_is_not_content() -> None:
    [edit] = parse_answer("```src/a.py\n```python\nx = 1\n```\n")
    assert edit.path == "src/a.py" and edit.content == "x = 1\n"


def test_usage_example_block_without_a_path_is_ignored() -> None:
    answer = "src/a.py\n```python\ndef f():\n    return 1\n```\nExample:\n```python\nprint(f())\n```\n"
    edits = parse_answer(answer)
    assert [edit.path for edit in edits] == ["src/a.py"]


def test_single_file_default_path() -> None:
    [edit] = parse_answer("```python\nx = 1\n```", default_path="only.py")
    assert edit.path == "only.py"


def test_search_replace_blocks() -> None:
    answer = "src/a.py\n```python\n<<<<<<< SEARCH\nx = 1\n=======\nx = 2\n>>>>>>> REPLACE\n<<<<<<< SEARCH\ny = 1\n=======\ny = 3\n>>>>>>> REPLACE\n```\n"
    edits = parse_answer(answer)
    assert [(e.kind, e.search, e.replace) for e in edits] == [(EditKind.SEARCH_REPLACE, "x = 1", "x = 2"), (EditKind.SEARCH_REPLACE, "y = 1", "y = 3")]


@pytest.mark.parametrize(
    "answer, message",
    [
        ("Just use sum().", "no code block"),
        ("```python\nx = 1\n```", "does not say which file"),
        ("a.py\n```python\n\n", "never closed"),
        ("a.py\n```\n<<<<<<< SEARCH\nx\n```", "no '=======' line"),
        ("a.py\n```\n<<<<<<< SEARCH\nx\n=======\ny\n```", "no '>>>>>>> REPLACE' line"),
        # a symbol header (`path::name`) names a block that must follow and hold code
        ("src/a.py::f\nsome prose\ninstead of\na block\n", "line 1 of your answer names `src/a.py::f` but no ``` code block follows"),
        ("src/a.py::f\n", "line 1 of your answer names `src/a.py::f` but no ``` code block follows"),
        ("src/a.py::f\n```python\n\n```\n", "the code block for `src/a.py::f` is empty"),
    ],
)
def test_malformed_answers_explain_themselves(answer: str, message: str) -> None:
    with pytest.raises(MalformedAnswer, match=message):
        parse_answer(answer)


def test_scope_check_refuses_outside_and_escaping_paths() -> None:
    edits = parse_answer("src/a.py\n```\nx\n```\nsetup.py\n```\ny\n```\n")
    with pytest.raises(OutOfScopeError, match="setup.py"):
        check_scope(edits, ["src/*.py"])
    check_scope(edits[:1], ["src/*.py"])
    with pytest.raises(OutOfScopeError):
        check_scope(parse_answer("src/../setup.py\n```\nx\n```"), ["src/**"])


def test_apply_whole_file_and_search_replace(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\ny = 1   \n")
    edits = parse_answer("a.py\n```\n<<<<<<< SEARCH\ny = 1\n=======\ny = 2\n>>>>>>> REPLACE\n```\nnew/b.py\n```\nz = 1\n```\n")
    assert apply_edits(tmp_path, edits) == ["a.py", "new/b.py"]
    assert (tmp_path / "a.py").read_text() == "x = 1\ny = 2\n"
    assert (tmp_path / "new" / "b.py").read_text() == "z = 1\n"


def test_apply_refuses_a_search_text_not_in_the_file_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    edits = parse_answer("b.py\n```\nnew = 1\n```\na.py\n```\n<<<<<<< SEARCH\nq = 9\n=======\nq = 1\n>>>>>>> REPLACE\n```\n")
    with pytest.raises(ApplyError, match="not found"):
        apply_edits(tmp_path, edits)
    assert not (tmp_path / "b.py").exists() and (tmp_path / "a.py").read_text() == "x = 1\n"


def test_placeholder_and_short_paths_map_onto_the_one_editable_file() -> None:
    from interns.tools.edits.paths import resolve_edit_paths

    edits = parse_answer("```python\n# path/to/hello.py\nx = 1\n```\nsrc/text.py\n```\ny\n```\ntext.py\n```\nz\n```")
    resolved = resolve_edit_paths(edits, ["hello.py", "src/*.py"], ["hello.py", "src/text.py", "src/other.py"])
    assert [edit.path for edit in resolved] == ["hello.py", "src/text.py", "src/text.py"]
    ambiguous = resolve_edit_paths(parse_answer("a/util.py\n```\nx\n```"), ["pkg/*"], ["pkg/one/util.py", "pkg/two/util.py"])
    assert ambiguous[0].path == "a/util.py"  # two candidates: left for the scope check to refuse


def test_an_unnamed_block_of_functions_is_spliced_into_the_one_file(tmp_path: Path) -> None:
    """A small model asked for one function writes just it: the file's imports and the rest stay."""
    (tmp_path / "m.py").write_text("import re\n\n\ndef keep():\n    return 1\n\n\ndef f(x):\n    raise NotImplementedError\n")
    edits = parse_answer("Here it is:\n```python\n@staticmethod\ndef f(x):\n    return re.escape(x)\n```\n", default_path="m.py")
    assert [(edit.kind, edit.symbol) for edit in edits] == [(EditKind.SYMBOL, "f")]
    from interns.tools.symbols import splice_symbol

    assert apply_edits(tmp_path, edits, splice_symbol=splice_symbol) == ["m.py"]
    assert (tmp_path / "m.py").read_text() == "import re\n\n\ndef keep():\n    return 1\n\n\n@staticmethod\ndef f(x):\n    return re.escape(x)\n"
    # with anything besides definitions it is the file's whole content, as before
    [whole] = parse_answer("```python\nimport re\n\ndef f(x):\n    return x\n```", default_path="m.py")
    assert whole.kind is EditKind.WHOLE_FILE
