"""What a bug fix must not lose: the exceptions the function raised and the parameters it read.

A small model that cannot find a bug often passes the one failing test by cutting the function down: it
drops the guard that raised ValueError, or stops reading the argument the test does not vary. Such a
candidate passes the acceptance command and is wrong (on the dev split's bug fixes at best-of-8, two of
the four candidates merged while the hidden tests failed were exactly that). No reference fix of the task
set loses either (0 of 14 changed functions on the dev split), so a candidate that does is refused before
it runs, with the reason told to the model (on the dev split's bug fixes: best-of-8 x 3 solved 2 of
11 instead of 1, best-of-1 x 3 had no false "done" instead of 1). A spec that names the exception or the
parameter (asking for it to go) lifts the rule for that name.
"""

from __future__ import annotations

import ast
import textwrap

from interns.tools.context.relevance import IDENTIFIER


def lost_behaviour(before: str, after: str, spec_text: str = "") -> list[str]:
    """Why `after` (a function's new source) has lost behaviour of `before` (its source as it was): the
    exceptions `before` raised that `after` no longer raises, the parameters `before` read that `after`
    no longer reads; names `spec_text` mentions are allowed to go. Empty when nothing is lost, or when
    either side is not one parsable function."""
    old, new = _function(before), _function(after)
    if old is None or new is None:
        return []
    mentioned = _words(spec_text)
    problems = [f"it no longer raises {name}, as the function did before" for name in sorted(_raised(old) - _raised(new)) if name.rsplit(".", 1)[-1] not in mentioned]
    problems += [f"it no longer uses its parameter `{name}`, as the function did before" for name in sorted(_read_parameters(old) - _read_parameters(new)) if name not in mentioned]
    return problems


def _function(source: str) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    try:
        body = ast.parse(textwrap.dedent(source)).body  # a method's source is indented
    except SyntaxError:
        return None
    functions = [node for node in body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))]
    return functions[0] if len(functions) == 1 else None


def _raised(function: ast.AST) -> set[str]:
    """The exception names `raise X(...)` / `raise X` mention (a bare re-raise names nothing; a stub's
    NotImplementedError is no behaviour to keep)."""
    names: set[str] = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Raise) and node.exc is not None:
            exception = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            names.add(ast.unparse(exception))
    return names - {"NotImplementedError"}


def _read_parameters(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    arguments = function.args
    parameters = {argument.arg for argument in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)}
    parameters |= {argument.arg for argument in (arguments.vararg, arguments.kwarg) if argument is not None}
    read = {node.id for node in ast.walk(function) if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load)}
    return (parameters - {"self", "cls"}) & read


def _words(text: str) -> set[str]:
    """The names `text` mentions, each part of a dotted one too (`errors.ParseError` names ParseError)."""
    return {part for name in IDENTIFIER.findall(text) for part in name.split(".")}
