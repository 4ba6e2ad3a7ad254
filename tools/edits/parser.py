"""Parse a model's answer into edits.

Small models are inconsistent about where they put the file name, so the parser accepts the usual
variants: the path on the line before the fence (bare, `quoted`, **bold**, `File: path`, `# path`),
in the fence's info string, or as a first-line comment inside the block. A block holding
SEARCH/REPLACE markers becomes search/replace edits; `path::symbol` names a symbol edit. When the task
may change one file, a block naming no file is that file; if it holds only functions or classes, they
are symbol edits (spliced in), not the file's whole new content.
"""

from __future__ import annotations

import ast
import re

from interns.tools.edits.model import Edit, EditKind, MalformedAnswer
from interns.tools.symbols.extract import normalize_name

FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
PATH_TOKEN = re.compile(r"^[\w.\-/]+\.[\w]+$|^[\w.\-/]*/[\w.\-]+$")
SEARCH_MARK = re.compile(r"^<{5,9} ?SEARCH\s*$")
DIVIDER_MARK = re.compile(r"^={5,9}\s*$")
REPLACE_MARK = re.compile(r"^>{5,9} ?REPLACE\s*$")
MAX_PROSE_LINES = 2  # "Here is the new method:" between a `path::name` header and its block
LANGUAGES = {"python", "py", "python3", "diff", "text", "txt", "bash", "sh", "shell", "javascript", "js", "typescript", "ts", "json", "yaml", "yml", "toml", "go", "rust", "rs", "c", "cpp", "java", "markdown", "md", "ini", "cfg", "html", "css", "sql"}


def _clean_path(candidate: str) -> str | None:
    text = candidate.strip()
    text = re.sub(r"^(#+|//|--|;)\s*", "", text)  # markdown heading or a code comment
    text = re.sub(r"^(file(name)?|path)\s*[:=]\s*", "", text, flags=re.IGNORECASE)
    text = text.strip().strip("*_`'\"").strip()
    text = text.rstrip(":").strip().strip("*_`'\"")
    if text.startswith("./"):
        text = text[2:]
    symbol = ""
    if "::" in text:
        text, symbol = text.split("::", 1)
        symbol = normalize_name(symbol)  # `Class::method()` -> `Class.method`
        if not SYMBOL_NAME.fullmatch(symbol):
            return None
    if not text or " " in text or not PATH_TOKEN.match(text) or text.lower() in LANGUAGES:
        return None
    return f"{text}::{symbol}" if symbol else text


SYMBOL_NAME = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*")


def _path_from_info(info: str) -> str | None:
    """The path in a fence's info string: ```python src/a.py, ```python:src/a.py, ```python src/a.py::f."""
    for word in info.split():
        for part in re.split(r"(?<!:):(?!:)", word):  # a single colon separates, `::` names a symbol
            if not part or part.lower() in LANGUAGES:
                continue
            if (path := _clean_path(part)) is not None:
                return path
    return None


def _path_above(lines: list[str], start: int) -> str | None:
    """The path on the nearest non-empty line above the fence at `start`; a `path::name` header may
    also stand a little higher, with a line or two of prose between it and its block."""
    above, seen = start - 1, 0
    while above >= 0 and seen <= MAX_PROSE_LINES:
        line = lines[above]
        if not line.strip():
            above -= 1
            continue
        if FENCE.match(line):
            return None  # the previous block's closing fence: nothing names this one
        path = _clean_path(line)
        if path is not None and (seen == 0 or "::" in path):
            return path
        seen += 1
        above -= 1
    return None


def _lines_until(body: list[str], index: int, mark: re.Pattern[str], missing: str) -> tuple[list[str], int]:
    """The lines from `index` up to the first line matching `mark`, and the index after that line;
    MalformedAnswer(`missing`) when no line matches."""
    lines: list[str] = []
    while index < len(body) and not mark.match(body[index]):
        lines.append(body[index])
        index += 1
    if index >= len(body):
        raise MalformedAnswer(missing)
    return lines, index + 1


def _split_search_replace(body: list[str], path: str) -> list[Edit]:
    edits: list[Edit] = []
    index = 0
    while index < len(body):
        if not SEARCH_MARK.match(body[index]):
            index += 1
            continue
        search, index = _lines_until(body, index + 1, DIVIDER_MARK, f"{path}: a SEARCH block has no '=======' line")
        replace, index = _lines_until(body, index, REPLACE_MARK, f"{path}: a SEARCH block has no '>>>>>>> REPLACE' line")
        edits.append(Edit(path=path, kind=EditKind.SEARCH_REPLACE, search="\n".join(search), replace="\n".join(replace)))
    return edits


def _blocks(lines: list[str]) -> list[tuple[int, str, list[str]]]:
    """(line index of the opening fence, info string, body lines) for each fenced block."""
    blocks = []
    index = 0
    while index < len(lines):
        match = FENCE.match(lines[index])
        if not match:
            index += 1
            continue
        fence = match.group("fence")
        start = index
        body: list[str] = []
        index += 1
        while index < len(lines) and not (lines[index].strip().startswith(fence[0] * len(fence)) and lines[index].strip().strip(fence[0]) == ""):
            body.append(lines[index])
            index += 1
        if index >= len(lines):
            # the last block runs to the end of the answer: a model that forgot the closing fence meant
            # it to end there (a block cut off mid-code fails the compile check instead)
            while body and not body[-1].strip():
                body.pop()
            if not body:
                raise MalformedAnswer(f"a code block opened on line {start + 1} of your answer is never closed with {fence}")
        blocks.append((start, match.group("info").strip(), body))
        index += 1
    return blocks


def _path_line(line: str) -> str | None:
    """A line that is nothing but a file path (`a/b.py`, `a/b.py::name`): a header the model put
    inside the block instead of above it."""
    stripped = line.strip()
    if not stripped or stripped.startswith(("def ", "class ", "import ", "from ", "@")):
        return None
    path = _clean_path(stripped)
    if path is None or not ("/" in path or "::" in path or re.search(r"\.\w{1,5}$", path.split("::")[0])):
        return None
    return path


def _definitions_only(body: list[str]) -> list[tuple[str, str]] | None:
    """(name, code) of each top-level function or class when a Python block holds nothing else, else None.

    A small model asked for one function often writes just that function without naming the file;
    taking the block for the whole file would drop the file's imports and other definitions.
    """
    try:
        tree = ast.parse("\n".join(body))
    except (SyntaxError, ValueError, RecursionError):
        return None
    nodes = tree.body
    if not nodes or not all(isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) for node in nodes):
        return None
    found = []
    for node in nodes:
        first = min([node.lineno, *(decorator.lineno for decorator in node.decorator_list)])
        found.append((node.name, "\n".join(body[first - 1 : node.end_lineno]) + "\n"))
    return found


def parse_answer(answer: str, default_path: str | None = None) -> list[Edit]:
    """Turn an answer into edits; raises MalformedAnswer with a message meant for the model.

    default_path is used for a block that names no file when the task may change exactly one file.
    """
    lines = answer.replace("\r\n", "\n").split("\n")
    edits: list[Edit] = []
    unnamed_blocks = 0
    for start, info, body in _blocks(lines):
        path = _path_from_info(info)
        unnamed = False
        if path is None:
            path = _path_above(lines, start)
        if body and (first := _clean_path(body[0])) is not None and re.match(r"^\s*(#|//)", body[0]) and path is None:
            path, body = first, body[1:]
        elif body and (header := _path_line(body[0])) is not None and (path is None or path.split("::")[0] == header.split("::")[0]):
            path, body = header, body[1:]  # ```python / src/a.py::f / ```python / def f(): ... (a header inside the fence)
        if path is None:
            if any(SEARCH_MARK.match(line) for line in body) or default_path is None:
                unnamed_blocks += 1
                continue
            path, unnamed = default_path, True
        # a model that opens a second fence inside the first (```path then ```python) wrote no content there
        while body and FENCE.match(body[0]):
            body = body[1:]
        if unnamed and path.endswith(".py") and (definitions := _definitions_only(body)):
            # just the changed function(s): spliced in, the rest of the file stays
            edits += [Edit(path=path, kind=EditKind.SYMBOL, content=code, symbol=name) for name, code in definitions]
            continue
        symbol = ""
        if "::" in path:
            path, symbol = path.split("::", 1)
        if any(SEARCH_MARK.match(line) for line in body):
            edits += _split_search_replace(body, path)
        elif symbol:
            if not any(line.strip() for line in body):
                raise MalformedAnswer(f"the code block for `{path}::{symbol}` is empty: write the whole new definition")
            edits.append(Edit(path=path, kind=EditKind.SYMBOL, content="\n".join(body).strip("\n") + "\n", symbol=symbol))
        else:
            edits.append(Edit(path=path, kind=EditKind.WHOLE_FILE, content="\n".join(body) + "\n"))
    if not edits:
        if unnamed_blocks:
            raise MalformedAnswer("your code block does not say which file it is: put the file's path alone on the line just before the ``` fence")
        for number, line in enumerate(lines, start=1):
            if (header := _clean_path(line)) is not None and "::" in header:
                raise MalformedAnswer(f"line {number} of your answer names `{header}` but no ``` code block follows it")
        raise MalformedAnswer("your answer has no code block: give the complete new content of each file you change as the file's path on one line followed by a ``` fenced block")
    # a later block for the same file wins for whole files (models often restate a file)
    final: dict[tuple[str, str], Edit] = {}
    ordered: list[Edit] = []
    for edit in edits:
        if edit.kind is EditKind.WHOLE_FILE:
            final[(edit.path, "whole")] = edit
        else:
            ordered.append(edit)
    return list(final.values()) + ordered
