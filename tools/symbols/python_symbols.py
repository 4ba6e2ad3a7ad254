"""Python definitions found with `ast`, with line ranges that cover decorators and attached comments."""

from __future__ import annotations

import ast
import copy
import io
import re
import tokenize

from interns.tools.symbols.lines import indentation, is_blank, split_lines, strip_ending
from interns.tools.symbols.model import Symbol, SymbolKind

DefNode = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
MAX_SIGNATURE_CHARS = 240
# the first lines of a file that are never a definition's comment block
FILE_HEADER = re.compile(r"^#!|^#.*coding[:=]")


def parse_python(source: str) -> ast.Module:
    """`ast.parse` that accepts a leading byte-order mark (line numbers are unchanged)."""
    return ast.parse(source[1:] if source.startswith("\ufeff") else source)


def extract_python_symbols(source: str) -> list[Symbol]:
    """Every function, class and method (nested ones too), in file order. Raises SyntaxError."""
    tree = parse_python(source)
    lines = [strip_ending(line) for line in split_lines(source)]
    symbols: list[Symbol] = []
    _collect(tree.body, lines, parent=None, parent_is_class=False, out=symbols)
    symbols.sort(key=lambda symbol: (symbol.start_line, -symbol.end_line))
    return symbols


def python_imports(source: str) -> list[tuple[int, int]]:
    """Line ranges (1-based, inclusive) of the module-level import statements."""
    try:
        tree = parse_python(source)
    except SyntaxError:
        return []
    return [
        (node.lineno, node.end_lineno or node.lineno)
        for node in tree.body
        if isinstance(node, (ast.Import, ast.ImportFrom))
    ]


def python_assignments(source: str) -> list[tuple[str, int, int]]:
    """(name, first line, last line) of module-level `NAME = ...` / `NAME: T = ...` statements."""
    try:
        tree = parse_python(source)
    except SyntaxError:
        return []
    found: list[tuple[str, int, int]] = []
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        for target in targets:
            if isinstance(target, ast.Name):
                found.append((target.id, node.lineno, node.end_lineno or node.lineno))
    return found


def _child_statements(node: ast.AST) -> list[list[ast.stmt]]:
    """Statement lists inside a compound statement that is not itself a definition (if/try/with/for)."""
    bodies = []
    for field in ("body", "orelse", "finalbody"):
        value = getattr(node, field, None)
        if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
            bodies.append(value)
    for handler in getattr(node, "handlers", []) or []:
        bodies.append(handler.body)
    for case in getattr(node, "cases", []) or []:
        bodies.append(case.body)
    return bodies


def _collect(body: list[ast.stmt], lines: list[str], parent: str | None, parent_is_class: bool, out: list[Symbol]) -> None:
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            symbol = _symbol(node, lines, parent, parent_is_class)
            out.append(symbol)
            _collect(node.body, lines, symbol.name, isinstance(node, ast.ClassDef), out)
        else:
            for child_body in _child_statements(node):
                _collect(child_body, lines, parent, parent_is_class, out)


def _kind(node: DefNode, parent_is_class: bool) -> SymbolKind:
    if isinstance(node, ast.ClassDef):
        return "class"
    is_async = isinstance(node, ast.AsyncFunctionDef)
    if parent_is_class:
        return "async method" if is_async else "method"
    return "async function" if is_async else "function"


def _symbol(node: DefNode, lines: list[str], parent: str | None, parent_is_class: bool) -> Symbol:
    decorator_line = min([node.lineno] + [decorator.lineno for decorator in node.decorator_list])
    indent = indentation(lines[node.lineno - 1])
    start_line = _comment_block_start(lines, decorator_line, indent)
    end_line = _end_with_trailing_comments(lines, node.end_lineno or node.lineno, indent)
    header_end_line = _header_end_line(lines, node)
    return Symbol(
        name=f"{parent}.{node.name}" if parent else node.name,
        kind=_kind(node, parent_is_class),
        start_line=start_line,
        end_line=end_line,
        def_line=node.lineno,
        decorator_line=decorator_line,
        header_end_line=header_end_line,
        signature=_signature_from_line(lines[node.lineno - 1]) if header_end_line == node.lineno and node.body and node.body[0].lineno > node.lineno else python_signature(node),
        parent=parent,
        indent=indent,
    )


def _signature_from_line(line: str) -> str:
    """The source's own one-line header (`def f(a, b=1):` -> `def f(a, b=1): ...`)."""
    text = line.strip()
    if not text.endswith(":"):
        text = text.split("#", 1)[0].rstrip()  # a trailing comment (good enough for a display line)
    text = text[:-1].rstrip() if text.endswith(":") else text
    if len(text) > MAX_SIGNATURE_CHARS:
        text = text[: MAX_SIGNATURE_CHARS - 4].rstrip() + " ..."
    return text + ": ..."


def python_signature(node: DefNode) -> str:
    """`def name(args) -> ret: ...` on one line (normalised by `ast.unparse`)."""
    stub = copy.copy(node)
    stub.body = [ast.Expr(ast.Constant(Ellipsis))]
    stub.decorator_list = []
    text = " ".join(part.strip() for part in ast.unparse(stub).splitlines())
    if len(text) > MAX_SIGNATURE_CHARS:
        text = text[: MAX_SIGNATURE_CHARS - 9].rstrip() + " ...): ..."
    return text


def _comment_block_start(lines: list[str], decorator_line: int, indent: str) -> int:
    """The first line of the comment block directly above (no blank line between), same indentation."""
    start = decorator_line
    index = decorator_line - 2  # 0-based index of the line above
    while index >= 0:
        line = lines[index]
        stripped = line.strip()
        if not stripped.startswith("#") or indentation(line) != indent:
            break
        if index < 2 and FILE_HEADER.match(stripped):
            break
        start = index + 1
        index -= 1
    return start


def _end_with_trailing_comments(lines: list[str], end_line: int, indent: str) -> int:
    """Comments indented deeper than the definition right after its last statement belong to its body."""
    end = end_line
    index = end_line  # 0-based index of the next line
    while index < len(lines):
        line = lines[index]
        if is_blank(line):
            index += 1
            continue
        if line.lstrip().startswith("#") and len(indentation(line)) > len(indent):
            end = index + 1
            index += 1
            continue
        break
    return end


def _header_end_line(lines: list[str], node: DefNode) -> int:
    """The line of the `:` that ends the signature (the first `:` outside brackets after the name)."""
    if not node.body or node.body[0].lineno <= node.lineno + 1:
        return node.lineno  # the header is one line (the body starts on the next line, or on this one)
    fragment = "".join(line + "\n" for line in lines[node.lineno - 1 : max(node.lineno, node.body[0].lineno if node.body else node.lineno)])
    depth = 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(fragment.lstrip(" \t")).readline):
            if token.type != tokenize.OP:
                continue
            if token.string in "([{":
                depth += 1
            elif token.string in ")]}":
                depth -= 1
            elif token.string == ":" and depth == 0:
                return node.lineno + token.start[0] - 1
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return node.lineno
