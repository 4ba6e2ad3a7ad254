"""Imports a new function needs that its file lacks.

A model that writes only a function's body cannot add `import re` at the top of the file, and small
models seldom import inside the body. After the splice, every name the function reads that nothing
defines (not the function itself, not the module, not the builtins) is imported when that is
unambiguous: a standard-library module of that name, or the one module of the repository whose
top level defines it. Anything else is left alone (the tests then say what is missing).
"""

from __future__ import annotations

import ast
import builtins
import sys

STDLIB_MODULES = frozenset(name for name in sys.stdlib_module_names if not name.startswith("_"))


def _bound_in(node: ast.AST) -> set[str]:
    """Every name a function binds anywhere inside it: parameters, assignments, loop and comprehension
    targets, imports, nested definitions, `except ... as`, `global`/`nonlocal`."""
    bound: set[str] = set()
    for inner in ast.walk(node):
        if isinstance(inner, ast.Name) and isinstance(inner.ctx, (ast.Store, ast.Del)):
            bound.add(inner.id)
        elif isinstance(inner, ast.arg):
            bound.add(inner.arg)
        elif isinstance(inner, (ast.Import, ast.ImportFrom)):
            bound.update((alias.asname or alias.name).split(".")[0] for alias in inner.names)
        elif isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound.add(inner.name)
        elif isinstance(inner, ast.ExceptHandler) and inner.name:
            bound.add(inner.name)
        elif isinstance(inner, (ast.Global, ast.Nonlocal)):
            bound.update(inner.names)
        elif isinstance(inner, ast.MatchAs) and inner.name:
            bound.add(inner.name)
    return bound


def module_names(tree: ast.Module) -> set[str]:
    """Names the module's top level defines (imports, definitions, assignments, star imports aside)."""
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        else:
            names.update(inner.id for inner in ast.walk(node) if isinstance(inner, ast.Name) and isinstance(inner.ctx, ast.Store))
    return names


def undefined_names(source: str, function_name: str) -> list[str]:
    """Names the (top-level or method) function `function_name` reads that nothing defines, in order."""
    tree = ast.parse(source)
    if any(isinstance(node, ast.ImportFrom) and any(alias.name == "*" for alias in node.names) for node in tree.body):
        return []  # a star import may define anything
    bare = function_name.rsplit(".", 1)[-1]
    function = next((node for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == bare), None)
    if function is None:
        return []
    known = module_names(tree) | _bound_in(function) | set(dir(builtins)) | {"__name__", "__file__"}
    missing: list[str] = []
    for node in ast.walk(function):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load) and node.id not in known and node.id not in missing:
            missing.append(node.id)
    return missing


def add_missing_imports(source: str, function_name: str, repo_definitions: dict[str, list[str]]) -> str:
    """`source` with an import for each undefined name of the function that has one clear home:
    `import <name>` for a standard-library module, `from <module> import <name>` when exactly one
    repository module (`repo_definitions`: name -> modules defining it) defines it at top level."""
    lines: list[str] = []
    for name in undefined_names(source, function_name):
        if name in STDLIB_MODULES:
            lines.append(f"import {name}")
        elif len(homes := repo_definitions.get(name, [])) == 1:
            lines.append(f"from {homes[0]} import {name}")
    if not lines:
        return source
    return insert_imports(source, sorted(lines, key=lambda line: line.startswith("from ")))


def insert_imports(source: str, imports: list[str]) -> str:
    """After the module's last top-level import, else after its docstring (and `__future__` imports)."""
    tree = ast.parse(source)
    after = 0
    for node in tree.body:
        is_docstring = node is tree.body[0] and isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)
        if isinstance(node, (ast.Import, ast.ImportFrom)) or is_docstring:
            after = node.end_lineno or node.lineno
        elif not isinstance(node, (ast.Import, ast.ImportFrom)):
            break
    lines = source.split("\n")
    block = imports if after else [*imports, ""]
    if after and not any(isinstance(node, (ast.Import, ast.ImportFrom)) for node in tree.body):
        block = ["", *imports]  # a docstring alone: leave a blank line after it
    return "\n".join(lines[:after] + block + lines[after:])
