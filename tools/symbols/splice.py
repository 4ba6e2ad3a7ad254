"""Replace one definition in a file with new code, or add it, keeping every other byte of the file.

Rules (what a small model's answer needs):
- the new code may come unindented (a method answered at column 0): it is re-indented to the place
  it goes; lines inside multi-line strings that sit flush left stay flush left;
- if the new definition has no decorators, the old ones are kept; if it has some, they replace them;
  the same for the comment block directly above the definition;
- a name that does not exist yet is added: a function at the end of the module (before a trailing
  `if __name__ == "__main__":` block), a method at the end of its class;
- the result must parse, or SymbolEditError says why (the intern re-asks the model).
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from dataclasses import dataclass

from interns.tools.symbols.extract import extract_symbols, normalize_name, resolve_symbol
from interns.tools.symbols.lines import NEWLINE, dominant_newline, indentation, is_blank, line_ending, split_lines, strip_ending
from interns.tools.symbols.model import Symbol, SymbolEditError
from interns.tools.symbols.python_symbols import parse_python
from interns.tools.symbols.text_symbols import extract_text_symbols, scan_braces, language_of

FENCE_LINE = re.compile(r"^\s*(`{3,}|~{3,})")
TEXT_LEADING = ("//", "/*", "*", "#[", "@")


@dataclass
class _CodeLine:
    text: str  # without line ending, relative indentation
    shift: bool  # gets the target indentation prepended


def splice_symbol(source: str, name: str, new_code: str, path: str = "module.py") -> str:
    """`source` with the definition `name` replaced by (or extended with) `new_code`."""
    language = language_of(path)
    if language is None:
        raise SymbolEditError(f"{path}: symbol edits work on source files (Python, JS/TS, Go, Rust, C-like) only")
    wanted = normalize_name(name)
    if not re.fullmatch(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*", wanted):
        raise SymbolEditError(f"`{name}` is not a function, class or method name (write path::name or path::Class.method)")
    raw = _clean_code_lines(new_code)
    if not raw:
        raise SymbolEditError(f"the code block for `{wanted}` is empty")
    bom = "\ufeff" if source.startswith("\ufeff") else ""  # kept even when the first definition changes
    body = source[len(bom):]
    if language == "python":
        return bom + _splice_python(body, wanted, raw, path)
    return bom + _splice_text(body, wanted, raw, path, language)


# ---------------------------------------------------------------- the new code


def _clean_code_lines(new_code: str) -> list[str]:
    """The answer's lines without fences (a model sometimes leaves them in) and surrounding blank lines."""
    lines = NEWLINE.split(new_code)
    while lines and is_blank(lines[0]):
        lines.pop(0)
    if lines and FENCE_LINE.match(lines[0]):
        lines.pop(0)
    while lines and is_blank(lines[-1]):
        lines.pop()
    if lines and FENCE_LINE.match(lines[-1]):
        lines.pop()
    while lines and is_blank(lines[0]):
        lines.pop(0)
    while lines and is_blank(lines[-1]):
        lines.pop()
    return lines


def _string_continuation_lines(code: str) -> set[int]:
    """0-based indexes of lines that continue a multi-line string literal (their text is data)."""
    inside: set[int] = set()
    try:
        for token in tokenize.generate_tokens(io.StringIO(code).readline):
            if token.type == tokenize.STRING and token.end[0] > token.start[0]:
                inside.update(range(token.start[0], token.end[0]))  # rows start+1..end, 0-based
    except (tokenize.TokenError, IndentationError, SyntaxError):
        pass
    return inside


def _relative_python_lines(raw: list[str]) -> list[_CodeLine]:
    """Strip the answer's own indentation (that of its first code line)."""
    first_code = next((line for line in raw if line.strip() and not line.lstrip().startswith("#")), raw[0])
    base = indentation(first_code)
    continuation = _string_continuation_lines("\n".join(raw) + "\n")
    out: list[_CodeLine] = []
    for index, line in enumerate(raw):
        if index in continuation:
            if line.startswith(base) and len(indentation(line)) > len(base):
                out.append(_CodeLine(line[len(base):], True))
            else:
                out.append(_CodeLine(line, False))
        elif not line.strip():
            out.append(_CodeLine("", False))
        elif line.startswith(base):
            out.append(_CodeLine(line[len(base):], True))
        else:
            out.append(_CodeLine(line, True))  # less indented than the first line: the parse check says so
    return out


def _parse_new_code(code: list[_CodeLine], wanted: str) -> ast.Module:
    text = "\n".join(line.text for line in code) + "\n"
    try:
        return ast.parse(text)
    except SyntaxError as error:
        raise SymbolEditError(f"the new code for `{wanted}` is not valid Python: line {error.lineno} of your block: {error.msg}") from None


def _top_level_defs(tree: ast.Module) -> list[ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef]:
    return [node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))]


def _target_node(tree: ast.Module, bare: str) -> ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | None:
    return next((node for node in _top_level_defs(tree) if node.name == bare), None)


def _first_line(node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> int:
    return min([node.lineno] + [decorator.lineno for decorator in node.decorator_list])


# ---------------------------------------------------------------- Python


def _splice_python(source: str, wanted: str, raw: list[str], path: str) -> str:
    try:
        symbols = extract_symbols(source, path) if source.strip() else []
        parse_python(source)
    except SyntaxError as error:
        raise SymbolEditError(f"{path} does not parse (line {error.lineno}: {error.msg}); use a whole-file or SEARCH/REPLACE edit") from None
    bare = wanted.rsplit(".", 1)[-1]
    parent_name = wanted.rsplit(".", 1)[0] if "." in wanted else None
    code = _relative_python_lines(raw)
    tree = _parse_new_code(code, wanted)
    node = _target_node(tree, bare)
    if node is None and parent_name:
        code, tree, node = _unwrap_from_class(code, tree, parent_name.rsplit(".", 1)[-1], bare, wanted)
    if node is None:
        defined = ", ".join(f"`{n.name}`" for n in _top_level_defs(tree)) or "nothing"
        raise SymbolEditError(f"the code block for `{wanted}` must define `{bare}` (it defines {defined})")
    lines = split_lines(source)
    newline = dominant_newline(source)
    group = resolve_symbol(symbols, wanted)
    if group:
        result = _replace_python(lines, group, code, node, newline)
    else:
        result = _add_python(source, lines, symbols, wanted, bare, parent_name, code, newline, path)
    _check_python(result, wanted, path)
    return result


def _unwrap_from_class(code: list[_CodeLine], tree: ast.Module, class_bare: str, bare: str, wanted: str):
    """The model answered `Class.method` with the whole class around it: keep only the method."""
    for candidate in _top_level_defs(tree):
        if isinstance(candidate, ast.ClassDef) and candidate.name == class_bare:
            method = next((n for n in candidate.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and n.name == bare), None)
            if method is not None:
                inner = [line.text for line in code[_first_line(method) - 1 : method.end_lineno]]
                new_code = _relative_python_lines(inner)
                new_tree = _parse_new_code(new_code, wanted)
                return new_code, new_tree, _target_node(new_tree, bare)
    return code, tree, None


def _leading_comment_count(code: list[_CodeLine], first_line: int) -> int:
    """How many comment lines sit directly above line `first_line` (1-based) of the new code."""
    count = 0
    index = first_line - 2
    while index >= 0 and code[index].text.lstrip().startswith("#") and not indentation(code[index].text):
        count += 1
        index -= 1
    return count


def _replace_python(lines: list[str], group: list[Symbol], code: list[_CodeLine], node, newline: str) -> str:
    first, last = group[0], group[-1]
    indent = first.indent
    code = list(code)
    # keep the old decorators when the new definition has none
    if not node.decorator_list and first.decorator_line < first.def_line:
        old_decorators = [_CodeLine(_dedent(strip_ending(line), indent), True) for line in lines[first.decorator_line - 1 : first.def_line - 1]]
        code[node.lineno - 1 : node.lineno - 1] = old_decorators
        first_line = node.lineno
    else:
        first_line = _first_line(node)
    # keep the old comment block when the new code brings none
    if first.start_line < first.decorator_line and _leading_comment_count(code, first_line) == 0:
        old_comments = [_CodeLine(_dedent(strip_ending(line), indent), True) for line in lines[first.start_line - 1 : first.decorator_line - 1]]
        code[first_line - 1 : first_line - 1] = old_comments
    last_ending = line_ending(lines[last.end_line - 1])
    ending = line_ending(lines[first.def_line - 1]) or newline
    rendered = _render(code, indent, ending, last_ending)
    return "".join(lines[: first.start_line - 1]) + rendered + "".join(lines[last.end_line :])


def _dedent(line: str, indent: str) -> str:
    return line[len(indent):] if line.startswith(indent) else line.lstrip(" \t")


def _render(code: list[_CodeLine], indent: str, ending: str, last_ending: str) -> str:
    out = []
    for index, line in enumerate(code):
        text = indent + line.text if line.shift and line.text else line.text
        out.append(text + (ending if index < len(code) - 1 else last_ending))
    return "".join(out)


def _add_python(source: str, lines: list[str], symbols: list[Symbol], wanted: str, bare: str, parent_name: str | None, code: list[_CodeLine], newline: str, path: str) -> str:
    if parent_name is None:
        return _append_to_module(source, lines, code, newline)
    parents = resolve_symbol(symbols, parent_name)
    if not parents:
        raise SymbolEditError(f"{path} has no `{wanted}` and no class `{parent_name}` to add `{bare}` to")
    owner = parents[-1]
    if owner.kind != "class":
        raise SymbolEditError(f"{path} has no `{wanted}`; a new definition can only be added to a module or a class, and `{parent_name}` is a {owner.kind}")
    body_indent = _class_body_indent(lines, owner)
    if body_indent is None:
        raise SymbolEditError(f"class `{parent_name}` has its body on one line; use a SEARCH/REPLACE block")
    before = lines[: owner.end_line]
    after = lines[owner.end_line :]
    before = _with_final_newline(before, newline)
    return "".join(before) + newline + _render(code, body_indent, newline, newline) + "".join(after)


def _class_body_indent(lines: list[str], owner: Symbol) -> str | None:
    for index in range(owner.header_end_line, owner.end_line):
        line = strip_ending(lines[index])
        if line.strip() and not line.lstrip().startswith("#"):
            return indentation(line)
    return None


def _with_final_newline(lines: list[str], newline: str) -> list[str]:
    if lines and not line_ending(lines[-1]):
        return lines[:-1] + [lines[-1] + newline]
    return lines


def _append_to_module(source: str, lines: list[str], code: list[_CodeLine], newline: str) -> str:
    if not source.strip():
        return source + _render(code, "", newline, newline)
    insert_at = _main_block_line(source, lines)
    before = _with_final_newline(lines[:insert_at], newline)
    after = lines[insert_at:]
    trailing_blank = 0
    for line in reversed(before):
        if not is_blank(line):
            break
        trailing_blank += 1
    separator = newline * max(0, 2 - trailing_blank)
    tail = (newline * 2 + "".join(after)) if after else ""
    return "".join(before) + separator + _render(code, "", newline, newline) + tail


def _main_block_line(source: str, lines: list[str]) -> int:
    """0-based index where a new function goes: before `if __name__ == "__main__":` at the end, else the end."""
    tree = parse_python(source)
    if tree.body:
        last = tree.body[-1]
        if isinstance(last, ast.If) and "__name__" in ast.unparse(last.test) and "__main__" in ast.unparse(last.test):
            index = last.lineno - 1
            while index > 0 and strip_ending(lines[index - 1]).startswith("#"):
                index -= 1
            return index
    return len(lines)


def _check_python(result: str, wanted: str, path: str) -> None:
    try:
        tree = parse_python(result)
    except SyntaxError as error:
        raise SymbolEditError(f"with the new `{wanted}`, {path} does not parse: line {error.lineno}: {error.msg}") from None
    if not any(name == wanted or name.endswith("." + wanted) for name in _qualified_names(tree.body, "")):
        raise SymbolEditError(f"with the new code, {path} has no `{wanted}`")


def _qualified_names(body: list[ast.stmt], prefix: str) -> set[str]:
    """Every definition's qualified name (cheaper than a full extraction on a large file)."""
    names: set[str] = set()
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            name = f"{prefix}{node.name}"
            names.add(name)
            names |= _qualified_names(node.body, name + ".")
        else:
            for field in ("body", "orelse", "finalbody"):
                value = getattr(node, field, None)
                if isinstance(value, list) and value and isinstance(value[0], ast.stmt):
                    names |= _qualified_names(value, prefix)
            for handler in getattr(node, "handlers", []) or []:
                names |= _qualified_names(handler.body, prefix)
    return names


# ---------------------------------------------------------------- brace languages


def _splice_text(source: str, wanted: str, raw: list[str], path: str, language: str) -> str:
    new_text = "\n".join(raw) + "\n"
    braces = scan_braces(new_text, language)
    if len(braces.close_of) != len(braces.opens) or braces.stray_closes:
        raise SymbolEditError(f"the new code for `{wanted}` has unbalanced braces")
    bare = wanted.rsplit(".", 1)[-1]
    defined = {symbol.bare_name for symbol in extract_text_symbols(new_text, language)}
    # a method answered alone (`get(key) {` at column 0) is not recognised as a definition by itself
    first_code = next((line for line in raw if line.strip() and not line.lstrip().startswith(TEXT_LEADING)), "")
    if bare not in defined and not re.search(rf"(?<![\w$]){re.escape(bare)}\s*(?:<[^>]*>)?\s*\(", first_code):
        raise SymbolEditError(f"the code block for `{wanted}` must define `{bare}`")
    base = indentation(raw[0])
    code = [_CodeLine(line[len(base):] if line.startswith(base) else line, True) if line.strip() else _CodeLine("", False) for line in raw]
    lines = split_lines(source)
    newline = dominant_newline(source)
    group = resolve_symbol(extract_symbols(source, path), wanted)
    if not group:
        if "." in wanted:
            raise SymbolEditError(f"{path} has no `{wanted}`; adding a method works for Python only (replace the whole type instead)")
        before = _with_final_newline(lines, newline)
        separator = newline if before and not is_blank(before[-1]) else ""
        return "".join(before) + separator + _render(code, "", newline, newline)
    first, last = group[0], group[-1]
    keeps_old_comments = not raw[0].lstrip().startswith(TEXT_LEADING)
    start = first.def_line if keeps_old_comments else first.start_line
    last_ending = line_ending(lines[last.end_line - 1])
    rendered = _render(code, first.indent, line_ending(lines[first.def_line - 1]) or newline, last_ending)
    return "".join(lines[: start - 1]) + rendered + "".join(lines[last.end_line :])
