"""Definitions found without a parser: brace-matched blocks for C-like languages, indentation for Python.

Good enough for a repo map and for locating a function to show or replace; not a full parser. Strings
and comments are skipped while matching braces so that a `}` inside a string does not end a block.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from interns.tools.symbols.lines import indentation, is_blank, split_lines, strip_ending
from interns.tools.symbols.model import Symbol, SymbolKind

KEYWORDS = {"if", "for", "while", "switch", "catch", "return", "else", "do", "try", "new", "function", "typeof", "sizeof", "with", "await", "yield", "delete", "throw", "case", "match", "loop", "unsafe", "defer", "go", "select", "using", "lock", "foreach", "synchronized"}


@dataclass(frozen=True)
class Pattern:
    regex: re.Pattern[str]
    kind: SymbolKind
    container: bool = False  # its body holds methods
    member: bool = False  # only matches directly inside a container's body


def _p(regex: str, kind: SymbolKind, container: bool = False, member: bool = False) -> Pattern:
    return Pattern(re.compile(regex), kind, container, member)


JS_PATTERNS = [
    _p(r"^\s*(?:export\s+)?(?:default\s+)?async\s+function\s*\*?\s*(?P<name>[A-Za-z_$][\w$]*)\s*[<(]", "async function"),
    _p(r"^\s*(?:export\s+)?(?:default\s+)?function\s*\*?\s*(?P<name>[A-Za-z_$][\w$]*)\s*[<(]", "function"),
    _p(r"^\s*(?:export\s+)?(?:default\s+)?(?:abstract\s+)?(?:class|interface)\s+(?P<name>[A-Za-z_$][\w$]*)", "class", container=True),
    _p(r"^\s*(?:export\s+)?(?:const|let|var)\s+(?P<name>[A-Za-z_$][\w$]*)\s*(?::[^=]+)?=\s*(?:async\s+)?(?:function\b|(?:\([^)]*\)|[A-Za-z_$][\w$]*)\s*(?::[^=]+)?=>)", "function"),
    _p(r"^\s+(?:(?:public|private|protected|static|readonly|override|abstract|get|set)\s+)*async\s+\*?(?P<name>[A-Za-z_$#][\w$]*)\s*(?:<[^>]*>)?\(", "async method", member=True),
    _p(r"^\s+(?:(?:public|private|protected|static|readonly|override|abstract|get|set)\s+)*\*?(?P<name>[A-Za-z_$#][\w$]*)\s*(?:<[^>]*>)?\([^;]*$", "method", member=True),
]
GO_PATTERNS = [
    _p(r"^func\s+\((?P<receiver>[^)]*)\)\s*(?P<name>\w+)\s*[\[(]", "method"),
    _p(r"^func\s+(?P<name>\w+)\s*[\[(]", "function"),
    _p(r"^type\s+(?P<name>\w+)(?:\[[^\]]*\])?\s+(?:struct|interface)\b", "class"),
]
RUST_PATTERNS = [
    _p(r"^\s*(?:pub(?:\([^)]*\))?\s+)?(?:default\s+)?(?:const\s+)?async\s+(?:unsafe\s+)?(?:extern\s+\"[^\"]*\"\s+)?fn\s+(?P<name>\w+)", "async function"),
    _p(r"^\s*(?:pub(?:\([^)]*\))?\s+)?(?:default\s+)?(?:const\s+)?(?:unsafe\s+)?(?:extern\s+\"[^\"]*\"\s+)?fn\s+(?P<name>\w+)", "function"),
    _p(r"^\s*(?:pub(?:\([^)]*\))?\s+)?(?:struct|enum|union)\s+(?P<name>\w+)", "class"),
    _p(r"^\s*(?:pub(?:\([^)]*\))?\s+)?(?:unsafe\s+)?trait\s+(?P<name>\w+)", "class", container=True),
    _p(r"^\s*(?:unsafe\s+)?impl\b(?:\s*<[^{]*?>)?\s+(?:[\w:<>, &']+\s+for\s+)?(?P<name>\w+)", "class", container=True),
]
C_LIKE_FUNCTION = _p(r"^\s*(?:[\w:<>\[\],*&~]+\s+)*?(?:fun\s+|func\s+|function\s+|def\s+)?(?P<name>~?\w+)\s*\([^;]*$", "function")
C_LIKE_PATTERNS = [  # Java, C#, Kotlin, C, C++, Swift, PHP: classes and `name(args) {` functions
    _p(r"^\s*(?:(?:public|private|protected|internal|static|final|abstract|sealed|partial|open|data|export)\s+)*(?:class|interface|struct|enum|record|object|trait)\s+(?P<name>\w+)", "class", container=True),
    C_LIKE_FUNCTION,
]
LANGUAGE_PATTERNS: dict[str, list[Pattern]] = {
    "javascript": JS_PATTERNS,
    "go": GO_PATTERNS,
    "rust": RUST_PATTERNS,
    "c-like": C_LIKE_PATTERNS,
}
EXTENSIONS = {
    ".js": "javascript", ".jsx": "javascript", ".mjs": "javascript", ".cjs": "javascript",
    ".ts": "javascript", ".tsx": "javascript", ".mts": "javascript", ".cts": "javascript",
    ".go": "go", ".rs": "rust",
    ".java": "c-like", ".kt": "c-like", ".cs": "c-like", ".c": "c-like", ".h": "c-like",
    ".cc": "c-like", ".cpp": "c-like", ".hpp": "c-like", ".cxx": "c-like", ".swift": "c-like",
    ".php": "c-like", ".scala": "c-like",
}
IMPORT_LINE = re.compile(r"^(?:import\b|from\s+\S+\s+import\b|use\s|#include\b|package\s|export\s+\*\s+from\b|(?:const|let|var)\s+\w+\s*=\s*require\()")


def language_of(path: str) -> str | None:
    lower = path.lower()
    if lower.endswith((".py", ".pyi", ".pyw")):
        return "python"
    dot = lower.rfind(".")
    return EXTENSIONS.get(lower[dot:]) if dot >= 0 else None


@dataclass
class _BraceMap:
    """Where every code `{` and `}` is (outside strings and comments), and which close matches which open."""

    line_starts: list[int]
    opens: list[int]  # offsets of `{`, sorted
    close_of: dict[int, int]  # open offset -> close offset
    depth_at_line: list[int]  # brace depth at the start of each line
    in_code_at_line: list[bool]  # the line starts outside a string/comment
    semicolons: list[int]  # offsets of code `;`
    stray_closes: int = 0  # `}` without an open `{`


def scan_braces(text: str, language: str) -> _BraceMap:
    line_starts = [0]
    for match in re.finditer(r"\r\n|\r|\n", text):
        line_starts.append(match.end())
    opens: list[int] = []
    close_of: dict[int, int] = {}
    semicolons: list[int] = []
    stack: list[int] = []
    stray_closes = 0
    depth_at_line: list[int] = []
    in_code_at_line: list[bool] = []
    next_line = 0
    index = 0
    length = len(text)
    state = "code"  # code | line_comment | block_comment | string
    quote = ""
    while index <= length:
        while next_line < len(line_starts) and line_starts[next_line] <= index:
            depth_at_line.append(len(stack))
            in_code_at_line.append(state in ("code", "line_comment"))
            if state == "line_comment":
                state = "code"
            next_line += 1
        if index == length:
            break
        char = text[index]
        if state == "line_comment":
            if char in "\r\n":
                state = "code"
            index += 1
            continue
        if state == "block_comment":
            if text.startswith("*/", index):
                state = "code"
                index += 2
            else:
                index += 1
            continue
        if state == "string":
            if char == "\\" and not (quote == "`" and language == "go"):  # Go raw strings have no escapes
                index += 2
                continue
            if char == quote:
                state = "code"
            elif quote in "\"'" and char in "\r\n":  # unterminated: give up on it at the line end
                state = "code"
            index += 1
            continue
        if text.startswith("//", index):
            state = "line_comment"
            index += 2
            continue
        if text.startswith("/*", index):
            state = "block_comment"
            index += 2
            continue
        if char == '"' or char == "`" or (char == "'" and _is_quote(text, index, language)):
            state, quote = "string", char
            index += 1
            continue
        if char == "{":
            stack.append(index)
            opens.append(index)
        elif char == "}":
            if stack:
                close_of[stack.pop()] = index
            else:
                stray_closes += 1
        elif char == ";":
            semicolons.append(index)
        index += 1
    while len(depth_at_line) < len(line_starts):
        depth_at_line.append(len(stack))
        in_code_at_line.append(True)
    return _BraceMap(line_starts, opens, close_of, depth_at_line, in_code_at_line, semicolons, stray_closes)


def _is_quote(text: str, index: int, language: str) -> bool:
    """In Rust `'a` is a lifetime, not a string: only `'x'` and `'\\n'` are character literals."""
    if language != "rust":
        return True
    return bool(re.match(r"'(?:[^'\\\n]|\\[^\n]{1,9}?)'", text[index : index + 12]))


def _line_of(offset: int, line_starts: list[int]) -> int:
    """1-based line holding offset."""
    return bisect.bisect_right(line_starts, offset)


def extract_text_symbols(source: str, language: str) -> list[Symbol]:
    patterns = LANGUAGE_PATTERNS.get(language)
    if not patterns:
        return []
    braces = scan_braces(source, language)
    lines = [strip_ending(line) for line in split_lines(source)]
    found: list[tuple[int, int, int, Pattern, str, str]] = []  # start, end, header_end, pattern, name, receiver
    for number, line in enumerate(lines, start=1):
        if not braces.in_code_at_line[number - 1] or not line.strip():
            continue
        for pattern in patterns:
            match = pattern.regex.match(line)
            if not match or ((pattern.member or pattern is C_LIKE_FUNCTION) and match.group("name") in KEYWORDS):
                continue
            block = _block_after(number, braces)
            if block is None:
                continue
            header_end, end = block
            receiver = match.groupdict().get("receiver") or ""
            found.append((number, end, header_end, pattern, match.group("name"), receiver))
            break
    return _to_symbols(found, lines, braces)


def _block_after(line: int, braces: _BraceMap) -> tuple[int, int] | None:
    """(line of the opening `{`, line of its `}`) for the block a header on `line` opens, if any."""
    start = braces.line_starts[line - 1]
    position = bisect.bisect_left(braces.opens, start)
    if position >= len(braces.opens):
        return None
    open_offset = braces.opens[position]
    open_line = _line_of(open_offset, braces.line_starts)
    if open_line > line + 6:  # a header spans a few lines at most
        return None
    semicolon = bisect.bisect_left(braces.semicolons, start)
    if semicolon < len(braces.semicolons) and braces.semicolons[semicolon] < open_offset:
        return None  # a declaration (`fn f();`) or a statement, not a definition
    close = braces.close_of.get(open_offset)
    if close is None:
        return None
    return open_line, _line_of(close, braces.line_starts)


def _to_symbols(found: list[tuple[int, int, int, Pattern, str, str]], lines: list[str], braces: _BraceMap) -> list[Symbol]:
    symbols: list[Symbol] = []
    containers: list[tuple[int, int, str, int]] = []  # start, end, qualified name, depth of body
    enclosing: list[tuple[int, int, str]] = []  # every accepted block, for nesting
    for start, end, header_end, pattern, name, receiver in sorted(found, key=lambda item: (item[0], -item[1])):
        while enclosing and enclosing[-1][1] < start:
            enclosing.pop()
        while containers and containers[-1][1] < start:
            containers.pop()
        container = containers[-1] if containers else None
        directly_in_container = container is not None and braces.depth_at_line[start - 1] == container[3]
        if pattern.member and not directly_in_container:
            continue
        if pattern is C_LIKE_FUNCTION and braces.depth_at_line[start - 1] > 0 and not directly_in_container:
            continue  # `call(...) {` inside a function body is a statement, not a definition
        kind: SymbolKind = pattern.kind
        parent: str | None = enclosing[-1][2] if enclosing else None
        if receiver:
            type_name = re.findall(r"\w+", receiver.replace("*", " "))
            parent = type_name[-1] if type_name else None
        elif directly_in_container and kind in ("function", "async function"):
            kind = "async method" if kind == "async function" else "method"
        qualified = f"{parent}.{name}" if parent else name
        signature = _text_signature(lines, start, header_end)
        symbol = Symbol(
            name=qualified, kind=kind, start_line=_comment_start(lines, start), end_line=end,
            def_line=start, decorator_line=start, header_end_line=header_end, signature=signature,
            parent=parent, indent=indentation(lines[start - 1]),
        )
        symbols.append(symbol)
        enclosing.append((start, end, qualified))
        if pattern.container:
            containers.append((start, end, qualified, braces.depth_at_line[start - 1] + 1))
    return symbols


def _text_signature(lines: list[str], start: int, header_end: int) -> str:
    header = " ".join(line.strip() for line in lines[start - 1 : header_end])
    brace = header.find("{")
    if brace >= 0:
        header = header[:brace].rstrip()
    return (header[:200] + " { ... }").strip()


def _comment_start(lines: list[str], start: int) -> int:
    """Include the `//`, `/* */`, `///` or `#[attr]` / `@Decorator` lines directly above."""
    first = start
    index = start - 2
    while index >= 0:
        stripped = lines[index].strip()
        if stripped.startswith(("//", "/*", "*", "#[", "@")) and stripped:
            first = index + 1
            index -= 1
            continue
        break
    return first


PY_DEF = re.compile(r"^(?P<indent>[ \t]*)(?P<async>async\s+)?(?P<word>def|class)\s+(?P<name>\w+)")


def extract_python_by_indentation(source: str) -> list[Symbol]:
    """For Python that does not parse: `def`/`class` lines, blocks ending where the indentation does."""
    lines = [strip_ending(line) for line in split_lines(source)]
    symbols: list[Symbol] = []
    stack: list[tuple[int, str, str]] = []  # indent width, qualified name, word
    for number, line in enumerate(lines, start=1):
        match = PY_DEF.match(line)
        if not match:
            continue
        width = len(match.group("indent").expandtabs())
        while stack and stack[-1][0] >= width:
            stack.pop()
        parent = stack[-1][1] if stack else None
        parent_is_class = bool(stack) and stack[-1][2] == "class"
        end = number
        for later in range(number, len(lines)):
            text = lines[later]
            if is_blank(text):
                continue
            if len(indentation(text).expandtabs()) <= width and not text.lstrip().startswith("#"):
                break
            end = later + 1
        is_async = bool(match.group("async"))
        if match.group("word") == "class":
            kind: SymbolKind = "class"
        elif parent_is_class:
            kind = "async method" if is_async else "method"
        else:
            kind = "async function" if is_async else "function"
        decorator = number
        while decorator > 1 and lines[decorator - 2].strip().startswith("@"):
            decorator -= 1
        name = match.group("name")
        qualified = f"{parent}.{name}" if parent else name
        symbols.append(Symbol(
            name=qualified, kind=kind, start_line=decorator, end_line=end, def_line=number,
            decorator_line=decorator, header_end_line=number, signature=line.strip().rstrip(":") + ": ...",
            parent=parent, indent=match.group("indent"),
        ))
        stack.append((width, qualified, match.group("word")))
    return symbols


def text_imports(source: str) -> list[tuple[int, int]]:
    """Line ranges of top-level import-like lines (`import`, `use`, `#include`, Go's `import ( ... )`)."""
    ranges: list[tuple[int, int]] = []
    lines = [strip_ending(line) for line in split_lines(source)]
    index = 0
    while index < len(lines):
        line = lines[index]
        if IMPORT_LINE.match(line):
            end = index
            if line.rstrip().endswith("(") or (line.startswith("import {") and "}" not in line):
                closer = ")" if line.rstrip().endswith("(") else "}"
                while end + 1 < len(lines) and closer not in lines[end]:
                    end += 1
            ranges.append((index + 1, end + 1))
            index = end + 1
            continue
        index += 1
    return ranges
