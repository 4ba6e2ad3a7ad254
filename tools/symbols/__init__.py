"""Symbols: find the functions, classes and methods of a file, and replace one of them in place.

Python is read with `ast`; JS/TS, Go, Rust and other C-like languages with a brace-matching text
fallback. Used by the context builder (show only the relevant definitions of a large file) and by the
edit protocol (a model answers with the new version of one definition; it is spliced into the file).
"""

from interns.tools.symbols.edit_blocks import SYMBOL_EDIT_PROTOCOL, SymbolEdit, parse_symbol_edits
from interns.tools.symbols.extract import extract_symbols, find_symbol, functions_of, import_ranges, module_constants, normalize_name, resolve_symbol
from interns.tools.symbols.model import AmbiguousSymbolError, Symbol, SymbolEditError, SymbolKind
from interns.tools.symbols.source_io import apply_symbol_edit, read_source, write_source
from interns.tools.symbols.splice import splice_symbol
from interns.tools.symbols.text_symbols import language_of

__all__ = [
    "SYMBOL_EDIT_PROTOCOL", "AmbiguousSymbolError", "Symbol", "SymbolEdit", "SymbolEditError", "SymbolKind",
    "apply_symbol_edit", "extract_symbols", "find_symbol", "functions_of", "import_ranges", "language_of", "module_constants", "normalize_name",
    "parse_symbol_edits", "read_source", "resolve_symbol", "splice_symbol", "write_source",
]
