"""Find definitions in a file of any supported language, and look one up by name."""

from __future__ import annotations

from interns.tools.symbols.model import AmbiguousSymbolError, Symbol
from interns.tools.symbols.python_symbols import extract_python_symbols, python_assignments, python_imports
from interns.tools.symbols.text_symbols import extract_python_by_indentation, extract_text_symbols, language_of, text_imports


def extract_symbols(source: str, path: str) -> list[Symbol]:
    """Functions, classes and methods of a file (nested ones too), in file order.

    Python is read with `ast` (a file that does not parse falls back to indentation); JS/TS, Go, Rust
    and other C-like languages with brace matching; any other file has no symbols.
    """
    language = language_of(path)
    source = source[1:] if source.startswith("\ufeff") else source  # a byte-order mark moves no line
    if language == "python":
        try:
            return extract_python_symbols(source)
        except (SyntaxError, ValueError, RecursionError):
            return extract_python_by_indentation(source)
    if language is None:
        return []
    return extract_text_symbols(source, language)


FUNCTION_KINDS = frozenset({"function", "async function", "method", "async method"})


def functions_of(source: str, path: str) -> list[Symbol]:
    """The file's module-level functions and its methods (not functions nested in functions), in order:
    the definitions a task can name and a model can rewrite one at a time."""
    return [symbol for symbol in extract_symbols(source, path) if symbol.kind in FUNCTION_KINDS and (symbol.parent is None or "method" in symbol.kind)]


def import_ranges(source: str, path: str) -> list[tuple[int, int]]:
    """Line ranges (1-based, inclusive) of the file's top-level imports."""
    language = language_of(path)
    if language == "python":
        return python_imports(source)
    if language is None:
        return []
    return text_imports(source)


def module_constants(source: str, path: str) -> list[tuple[str, int, int]]:
    """(name, first line, last line) of module-level assignments (Python only)."""
    return python_assignments(source) if language_of(path) == "python" else []


def normalize_name(name: str) -> str:
    """`Class::method`, `method()`, ` Class.method ` -> `Class.method`."""
    text = name.strip().strip("`'\"").strip()
    text = text.replace("::", ".")
    if text.endswith("()"):
        text = text[:-2]
    return text.strip(".")


def resolve_symbol(symbols: list[Symbol], name: str) -> list[Symbol]:
    """The definitions `name` names: an exact qualified match, else a unique `....name` suffix match.

    Several definitions with the same name right after each other (a property's getter and setter,
    `typing.overload` variants) form one group and are returned together. Raises AmbiguousSymbolError
    when the name matches definitions in different places; returns [] when nothing matches.
    """
    wanted = normalize_name(name)
    exact = [symbol for symbol in symbols if symbol.name == wanted]
    if exact:
        return _one_group(symbols, exact, wanted)
    suffix = [symbol for symbol in symbols if symbol.name.endswith("." + wanted)]
    if not suffix:
        return []
    names = sorted({symbol.name for symbol in suffix})
    if len(names) > 1:
        raise AmbiguousSymbolError(f"`{wanted}` is ambiguous: it could be {', '.join(names)}; use the full name")
    return _one_group(symbols, suffix, wanted)


def _one_group(symbols: list[Symbol], matches: list[Symbol], wanted: str) -> list[Symbol]:
    if len(matches) == 1:
        return matches
    parent = matches[0].parent
    siblings = [symbol for symbol in symbols if symbol.parent == parent]
    positions = [siblings.index(symbol) for symbol in matches]
    consecutive = all(symbol.parent == parent for symbol in matches) and positions == list(range(positions[0], positions[0] + len(matches)))
    if consecutive:
        return matches
    lines = ", ".join(str(symbol.def_line) for symbol in matches)
    raise AmbiguousSymbolError(f"`{wanted}` is defined {len(matches)} times (lines {lines}); change it with a SEARCH/REPLACE block instead")


def find_symbol(source: str, name: str, path: str = "module.py") -> Symbol | None:
    """The definition `name` (qualified like `Class.method`, or a unique bare name) names, or None.

    For a group (a property's getter and setter) this is the first one. Raises AmbiguousSymbolError.
    """
    group = resolve_symbol(extract_symbols(source, path), name)
    return group[0] if group else None
