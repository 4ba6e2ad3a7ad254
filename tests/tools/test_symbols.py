"""Symbol extraction and splicing on real source files (this Python's own stdlib sources, JS/Go/Rust samples)."""

from __future__ import annotations

import ast
import asyncio.locks
import bisect
import contextlib
import functools
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

from interns.agents.prompt_templates import templates
from interns.tools.edits import parse_answer
from interns.tools.edits.apply import plan_edits, write_contents
from interns.tools.edits.model import EditKind
from interns.tools.symbols import AmbiguousSymbolError, SymbolEditError, extract_symbols, find_symbol, splice_symbol
from support.big_module import make_big_module
from support.stdlib import MODULES, stdlib_source

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "tools"
DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def fixture(name: str) -> str:
    return (FIXTURES / name).read_bytes().decode("utf-8")  # CRLF stays CRLF


def by_name(source: str, path: str = "m.py") -> dict[str, object]:
    return {symbol.name: symbol for symbol in extract_symbols(source, path)}


def definition(source: str, qualified_name: str) -> ast.AST:
    """The def or class `a.b.c` as Python's own parser sees it (the reference the extractor is held to)."""
    scope = ast.parse(source)
    for name in qualified_name.split("."):
        scope = next(node for node in scope.body if isinstance(node, DEFINITIONS) and node.name == name)
    return scope


def comment_block_start(source: str, line: int) -> int:
    """The first line of the run of comment lines right above `line` (`line` itself when there is none)."""
    lines = source.splitlines()
    while line > 1 and lines[line - 2].lstrip().startswith("#"):
        line -= 1
    return line


def assert_only_symbol_changed(before: str, after: str, start_line: int, end_line: int) -> tuple[str, str]:
    """The bytes before line start_line and after line end_line are identical; returns the old and new middle."""
    old_lines = before.splitlines(keepends=True)
    prefix = "".join(old_lines[: start_line - 1])
    suffix = "".join(old_lines[end_line:])
    assert after.startswith(prefix)
    assert after.endswith(suffix)
    middle = after[len(prefix) : len(after) - len(suffix)]
    return "".join(old_lines[start_line - 1 : end_line]), middle


# ---------------------------------------------------------------- extraction


@pytest.mark.parametrize("module", MODULES, ids=lambda module: module.__name__)
def test_every_python_definition_is_found_with_exact_lines(module: ModuleType) -> None:
    source = stdlib_source(module)
    lines = source.splitlines()
    symbols = extract_symbols(source, f"{module.__name__}.py")
    nodes = [node for node in ast.walk(ast.parse(source)) if isinstance(node, DEFINITIONS)]
    assert len(symbols) == len(nodes)
    by_def_line = {symbol.def_line: symbol for symbol in symbols}
    for node in nodes:
        symbol = by_def_line[node.lineno]
        assert symbol.bare_name == node.name
        assert symbol.end_line >= (node.end_lineno or 0)
        assert symbol.decorator_line == min([node.lineno] + [d.lineno for d in node.decorator_list])
        keyword = {"ClassDef": "class ", "AsyncFunctionDef": "async def ", "FunctionDef": "def "}[type(node).__name__]
        assert lines[symbol.def_line - 1].lstrip().startswith(keyword + node.name)
        assert all(lines[number - 1].lstrip().startswith("#") for number in range(symbol.start_line, symbol.decorator_line))
        assert symbol.indent == lines[symbol.def_line - 1][: len(lines[symbol.def_line - 1]) - len(lines[symbol.def_line - 1].lstrip())]


def test_functools_names_kinds_parents_and_ranges() -> None:
    source = stdlib_source(functools)
    symbols = by_name(source)
    # a signature over several lines: the header ends where the body (its docstring) starts
    wrapper, node = symbols["update_wrapper"], definition(source, "update_wrapper")
    assert node.body[0].lineno - 1 > node.lineno
    assert (wrapper.kind, wrapper.start_line, wrapper.def_line, wrapper.header_end_line, wrapper.end_line) == (
        "function", comment_block_start(source, node.lineno), node.lineno, node.body[0].lineno - 1, node.end_lineno,
    )
    assert wrapper.signature.startswith("def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS")
    # a comment directly above a class belongs to it; the decorator of a method too
    node = definition(source, "partial")
    assert comment_block_start(source, node.lineno) < node.lineno
    assert (symbols["partial"].start_line, symbols["partial"].def_line, symbols["partial"].kind) == (comment_block_start(source, node.lineno), node.lineno, "class")
    repr_method, node = symbols["partial.__repr__"], definition(source, "partial.__repr__")
    assert node.decorator_list
    assert (repr_method.kind, repr_method.parent, repr_method.start_line, repr_method.def_line, repr_method.end_line) == (
        "method", "partial", node.decorator_list[0].lineno, node.lineno, node.end_lineno,
    )
    # a class nested in a function, and its methods
    assert symbols["cmp_to_key.K"].kind == "class"
    assert symbols["cmp_to_key.K.__lt__"].kind == "method"
    assert symbols["cmp_to_key.K.__lt__"].parent == "cmp_to_key.K"
    node = definition(source, "cmp_to_key.K.__lt__")
    assert (symbols["cmp_to_key.K.__lt__"].def_line, symbols["cmp_to_key.K.__lt__"].end_line) == (node.lineno, node.end_lineno)
    # nested functions, with the comment written right above them
    nested, node = symbols["_compose_mro.is_strict_base"], definition(source, "_compose_mro.is_strict_base")
    assert comment_block_start(source, node.lineno) < node.lineno
    assert (nested.kind, nested.start_line, nested.def_line) == ("function", comment_block_start(source, node.lineno), node.lineno)
    assert symbols["lru_cache.decorating_function"].parent == "lru_cache"


def test_async_definitions_and_decorated_nested_functions() -> None:
    locks = by_name(stdlib_source(asyncio.locks))
    assert locks["Lock.acquire"].kind == "async method"
    assert locks["Lock.acquire"].signature == "async def acquire(self): ..."
    assert locks["Lock.locked"].kind == "method"
    context = by_name(stdlib_source(contextlib))
    helper = context["contextmanager.helper"]
    assert helper.kind == "function"
    assert helper.decorator_line == helper.def_line - 1  # @wraps(func)
    assert context["AsyncExitStack.enter_async_context"].kind == "async method"


def test_big_module_extraction() -> None:
    source = make_big_module()
    assert source.count("\n") > 5000
    symbols = by_name(source)
    assert symbols["parse_duration"].kind == "function"
    assert symbols["fetch_stock_2"].kind == "async function"
    assert symbols["Warehouse4.empty"].decorator_line == symbols["Warehouse4.empty"].def_line - 1
    assert symbols["make_counter_3.increment"].parent == "make_counter_3"
    # the comment right above a function belongs to it, the banner two blank lines higher does not
    record = symbols["parse_record_7"]
    lines = source.splitlines()
    assert lines[record.start_line - 1].startswith("# Records arrive")
    assert record.def_line == record.start_line + 1
    assert lines[record.start_line - 4].startswith("# ------")


def test_broken_python_falls_back_to_indentation() -> None:
    source = "import os\n\ndef good(a):\n    return a\n\nclass Half:\n    def method(self):\n        return (\n"
    names = [symbol.name for symbol in extract_symbols(source, "broken.py")]
    assert names == ["good", "Half", "Half.method"]


def test_text_fallback_javascript() -> None:
    symbols = by_name(fixture("sample.js"), "sample.js")
    assert symbols["loadJson"].kind == "async function"
    assert symbols["loadJson"].start_line == 7  # the /** doc comment */
    assert (symbols["loadJson"].def_line, symbols["loadJson"].end_line) == (10, 16)
    assert symbols["formatName"].end_line == 21  # `${...}` and "}" in strings do not end it
    assert symbols["slugify"].kind == "function"
    assert symbols["Cache"].end_line == 45
    assert symbols["Cache.get"].kind == "method"
    assert symbols["Cache.refresh"].kind == "async method"
    assert "DEFAULTS" not in symbols


def test_text_fallback_go_and_rust() -> None:
    go = by_name(fixture("sample.go"), "sample.go")
    assert go["Store"].kind == "class"
    assert (go["Store.Get"].kind, go["Store.Get"].parent, go["Store.Get"].start_line, go["Store.Get"].end_line) == ("method", "Store", 22, 29)
    assert go["normalize"].end_line == 39  # the raw string's "}" is skipped
    rust = extract_symbols(fixture("sample.rs"), "sample.rs")
    names = [symbol.name for symbol in rust]
    assert {"Counter.new", "Counter.add", "Counter.get", "Counter.fmt", "Summary.headline", "split_words"} <= set(names)
    get = next(symbol for symbol in rust if symbol.name == "Counter.get")
    assert (get.def_line, get.end_line) == (19, 23)  # '}' char literal and 'a lifetimes
    split_words = next(symbol for symbol in rust if symbol.name == "split_words")
    assert split_words.start_line == 40  # #[inline]
    assert extract_symbols("plain text\n", "notes.txt") == []


def test_find_symbol_by_qualified_or_unique_name() -> None:
    source = stdlib_source(functools)
    assert find_symbol(source, "K.__lt__").name == "cmp_to_key.K.__lt__"
    assert find_symbol(source, "partial::__repr__()").name == "partial.__repr__"
    assert find_symbol(source, "no_such_thing") is None
    with pytest.raises(AmbiguousSymbolError):
        find_symbol(source, "__init__")


# ---------------------------------------------------------------- splicing


def test_splice_method_reindents_and_keeps_everything_else() -> None:
    source = stdlib_source(functools)
    target = find_symbol(source, "cmp_to_key.K.__lt__")
    new_code = "def __lt__(self, other):\n    # reversed on purpose\n    return mycmp(self.obj, other.obj) > 0\n"
    result = splice_symbol(source, "cmp_to_key.K.__lt__", new_code)
    old, new = assert_only_symbol_changed(source, result, target.start_line, target.end_line)
    assert new == "        def __lt__(self, other):\n            # reversed on purpose\n            return mycmp(self.obj, other.obj) > 0\n"
    assert old != new
    ast.parse(result)
    assert splice_symbol(source, "K.__lt__", new_code) == result  # a unique suffix names it too


def test_splice_keeps_old_decorators_and_comments_unless_new_ones_are_given() -> None:
    source = stdlib_source(functools)
    lines = source.splitlines(keepends=True)
    target = find_symbol(source, "partial.__repr__")
    decorators = "".join(lines[target.start_line - 1 : target.def_line - 1])
    assert decorators == "    @recursive_repr()\n"
    result = splice_symbol(source, "partial.__repr__", "def __repr__(self):\n    return 'partial'\n")
    _old, new = assert_only_symbol_changed(source, result, target.start_line, target.end_line)
    assert new == decorators + "    def __repr__(self):\n        return 'partial'\n"
    replaced = splice_symbol(source, "partial.__repr__", "@other_decorator\ndef __repr__(self):\n    return 'p'\n")
    _old, new = assert_only_symbol_changed(source, replaced, target.start_line, target.end_line)
    assert new == "    @other_decorator\n    def __repr__(self):\n        return 'p'\n"
    # the comment block above `class partial` stays when the answer has none
    partial = find_symbol(source, "partial")
    comments = "".join(lines[partial.start_line - 1 : partial.def_line - 1])
    assert comments.startswith("#")
    result = splice_symbol(source, "partial", "class partial:\n    pass\n")
    _old, new = assert_only_symbol_changed(source, result, partial.start_line, partial.end_line)
    assert new == comments + "class partial:\n    pass\n"


def test_splice_crlf_file_stays_crlf() -> None:
    source = stdlib_source(bisect).replace("\n", "\r\n")
    target = find_symbol(source, "insort_left")
    result = splice_symbol(source, "insort_left", "def insort_left(a, x, lo=0, hi=None, *, key=None):\n    a.append(x)\n    a.sort(key=key)\n")
    _old, new = assert_only_symbol_changed(source, result, target.start_line, target.end_line)
    assert new == "def insort_left(a, x, lo=0, hi=None, *, key=None):\r\n    a.append(x)\r\n    a.sort(key=key)\r\n"
    assert result.count("\n") == result.count("\r\n")


def test_apply_symbol_edit_writes_crlf_bytes(tmp_path: Path) -> None:
    data = stdlib_source(bisect).replace("\n", "\r\n").encode()
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "bisect_copy.py").write_bytes(data)
    answer = "pkg/bisect_copy.py::bisect_left\n```python\ndef bisect_left(a, x, lo=0, hi=None, *, key=None):\n    return 0\n```\n"
    write_contents(tmp_path, plan_edits(tmp_path, parse_answer(answer), splice_symbol=splice_symbol))
    written = (tmp_path / "pkg" / "bisect_copy.py").read_bytes()
    assert b"    return 0\r\n" in written
    assert written.count(b"\n") == written.count(b"\r\n")
    start = data.index(b"def bisect_left")
    assert written[:start] == data[:start]


def test_splice_at_end_of_file_without_final_newline() -> None:
    source = "def a():\n    return 1\n\n\ndef b():\n    return 2"
    result = splice_symbol(source, "b", "def b():\n    return 3\n")
    assert result == "def a():\n    return 1\n\n\ndef b():\n    return 3"


def test_splice_multiline_string_content_stays_flush_left() -> None:
    source = "class Repo:\n    def query(self):\n        return 1\n"
    new_code = 'def query(self):\n    """Run the query.\n\n    More text."""\n    sql = """\nSELECT *\nFROM t\n"""\n    return sql\n'
    result = splice_symbol(source, "Repo.query", new_code)
    assert result == (
        'class Repo:\n    def query(self):\n        """Run the query.\n\n        More text."""\n'
        '        sql = """\nSELECT *\nFROM t\n"""\n        return sql\n'
    )


def test_splice_answer_already_indented_or_wrapped_in_its_class() -> None:
    source = "class Repo:\n    def save(self):\n        return 1\n\n    def load(self):\n        return 2\n"
    indented = splice_symbol(source, "Repo.save", "    def save(self):\n        return 10\n")
    wrapped = splice_symbol(source, "Repo.save", "```python\nclass Repo:\n    def save(self):\n        return 10\n```\n")
    expected = "class Repo:\n    def save(self):\n        return 10\n\n    def load(self):\n        return 2\n"
    assert indented == expected
    assert wrapped == expected


def test_splice_property_getter_and_setter_as_one_group() -> None:
    source = make_big_module()
    group = [symbol for symbol in extract_symbols(source, "m.py") if symbol.name == "Warehouse4.size"]
    assert len(group) == 2
    new_code = "@property\ndef size(self) -> int:\n    return len(self._items)\n"
    result = splice_symbol(source, "Warehouse4.size", new_code)
    _old, new = assert_only_symbol_changed(source, result, group[0].start_line, group[1].end_line)
    assert new == "    @property\n    def size(self) -> int:\n        return len(self._items)\n"


def test_splice_adds_new_function_and_method() -> None:
    source = stdlib_source(bisect)
    added = splice_symbol(source, "bisect_middle", "def bisect_middle(a):\n    return len(a) // 2\n")
    assert added.startswith(source)
    assert added[len(source):] == "\n\ndef bisect_middle(a):\n    return len(a) // 2\n" or source.endswith("\n\n")
    script = "import os\n\n\ndef main():\n    pass\n\n\nif __name__ == '__main__':\n    main()\n"
    with_main = splice_symbol(script, "helper", "def helper():\n    return 1\n")
    assert with_main == "import os\n\n\ndef main():\n    pass\n\n\ndef helper():\n    return 1\n\n\nif __name__ == '__main__':\n    main()\n"
    text_source = stdlib_source(textwrap)
    wrapper = find_symbol(text_source, "TextWrapper")
    with_method = splice_symbol(text_source, "TextWrapper.width_left", "def width_left(self, used):\n    return self.width - used\n")
    lines = with_method.splitlines()
    assert lines[wrapper.end_line : wrapper.end_line + 3] == ["", "    def width_left(self, used):", "        return self.width - used"]
    assert find_symbol(with_method, "TextWrapper.width_left").kind == "method"


@pytest.mark.parametrize(
    ("name", "code", "message"),
    [
        ("bisect_left", "def bisect_left(a, x:\n    return 0\n", "not valid Python"),
        ("bisect_left", "def something_else(a):\n    return 0\n", "must define `bisect_left`"),
        ("NoClass.method", "def method(self):\n    pass\n", "no class `NoClass`"),
        ("insort_left.inner", "def inner():\n    pass\n", "can only be added to a module or a class"),
        ("bisect_left", "   \n", "empty"),
        ("bisect_left", "def bisect_left(a):\n  return 0\n    x = 1\n", "not valid Python"),
        ("not a name!", "def f():\n    pass\n", "not a function, class or method name"),
    ],
)
def test_bad_splices_are_refused(name: str, code: str, message: str) -> None:
    with pytest.raises(SymbolEditError, match=message):
        splice_symbol(stdlib_source(bisect), name, code)


def test_ambiguous_splice_is_refused() -> None:
    with pytest.raises(AmbiguousSymbolError):
        splice_symbol(stdlib_source(functools), "__init__", "def __init__(self):\n    pass\n")


@pytest.mark.parametrize(
    ("path", "name", "code", "expected"),
    [
        # a method, re-indented into its class
        ("sample.js", "Cache.get", "get(key) {\n  return this.items.get(key) ?? null;\n}\n", "  get(key) {\n    return this.items.get(key) ?? null;\n  }\n"),
        ("sample.go", "normalize", "func normalize(text string) string {\n\treturn strings.ToUpper(text)\n}\n", "func normalize(text string) string {\n\treturn strings.ToUpper(text)\n}\n"),
    ],
)
def test_splice_brace_language_definitions(path: str, name: str, code: str, expected: str) -> None:
    source = fixture(path)
    target = find_symbol(source, name, path)
    result = splice_symbol(source, name, code, path=path)
    _old, new = assert_only_symbol_changed(source, result, target.def_line, target.end_line)
    assert new == expected


def test_splice_refuses_unbalanced_braces() -> None:
    with pytest.raises(SymbolEditError, match="unbalanced"):
        splice_symbol(fixture("sample.js"), "Cache.get", "get(key) {\n  return 1;\n", path="sample.js")


# ---------------------------------------------------------------- the block format


def test_the_protocol_text_s_example_is_what_the_parser_reads() -> None:
    protocol = templates()["edit_blocks"]["symbol_protocol"]
    example = protocol[protocol.index("src/app/big_module.py::parse_date") :]
    edits = parse_answer(example)
    assert [(edit.path, edit.kind, edit.symbol) for edit in edits] == [
        ("src/app/big_module.py", EditKind.SYMBOL, "parse_date"), ("src/app/big_module.py", EditKind.SYMBOL, "Parser.feed"),
    ]


def test_symbol_header_variants() -> None:
    answer = """Here is the fix.

src/app/big.py::parse_date
```python
def parse_date(text):
    return text
```

**`src/app/big.py::Parser::feed()`**
Here is the new method:

```
def feed(self, data):
    self.buffer += data
```

```python src/app/big.py::helper
def helper():
    return 1
```

```python
# src/app/other.py::Thing
class Thing:
    pass
```

src/app/small.py
```python
print("a whole-file block, not a symbol edit")
```
"""
    edits = parse_answer(answer)
    symbols = [edit for edit in edits if edit.kind is EditKind.SYMBOL]
    # the info string's `path::name` names a symbol (not the whole of big.py, which would wipe the file)
    assert [(edit.path, edit.symbol) for edit in symbols] == [
        ("src/app/big.py", "parse_date"),
        ("src/app/big.py", "Parser.feed"),
        ("src/app/big.py", "helper"),
        ("src/app/other.py", "Thing"),
    ]
    assert symbols[0].content == "def parse_date(text):\n    return text\n"
    assert symbols[3].content == "class Thing:\n    pass\n"
    assert [(edit.path, edit.kind) for edit in edits if edit.kind is not EditKind.SYMBOL] == [("src/app/small.py", EditKind.WHOLE_FILE)]


def test_splice_keeps_byte_order_mark_form_feeds_and_trailing_body_comments() -> None:
    source = "\ufeff# about a\ndef a():\n    return 1\n    # a trailing note inside a\n\x0c\ndef b():\n    return 2\n"
    symbols = by_name(source)
    assert (symbols["a"].start_line, symbols["a"].def_line, symbols["a"].end_line) == (1, 2, 4)
    result = splice_symbol(source, "a", "def a():\n    return 5\n")
    assert result == "\ufeff# about a\ndef a():\n    return 5\n\x0c\ndef b():\n    return 2\n"
    assert splice_symbol(source, "b", "def b():\n    return 6\n") == source.replace("return 2", "return 6")
