"""Symbols: find the functions, classes and methods of a file, and replace one of them in place.

Python is read with `ast`; JS/TS, Go, Rust and other C-like languages with a brace-matching text
fallback. Used by the context builder (show only the relevant definitions of a large file) and by the
edit pipeline (a `path::name` block of tools.edits, or the function form's body: the new version of one
definition is spliced into the file).
"""

from interns.tools.symbols.extract import extract_symbols, find_symbol, functions_of, import_ranges, module_constants, normalize_name, resolve_symbol
from interns.tools.symbols.model import AmbiguousSymbolError, Symbol, SymbolEditError, SymbolKind
from interns.tools.symbols.splice import splice_symbol
from interns.tools.symbols.text_symbols import language_of

__all__ = [
    "AmbiguousSymbolError", "Symbol", "SymbolEditError", "SymbolKind", "extract_symbols", "find_symbol", "functions_of", "import_ranges", "language_of", "module_constants", "normalize_name",
    "resolve_symbol", "splice_symbol",
]
