"""Where a bug report points: the functions of the task's files most likely to hold the bug, ranked.

A spec that names only a symptom ("refunds are a cent off") and a failing test that calls the public
function leave the model to find the faulty one itself, which a small model cannot do across files.
The intern can search instead: it ranks the functions of the files it may change by the evidence (a
traceback frame inside, called by the failing test, called by what the test calls, named like words
of the spec) and tries the best few in turn, the tests telling which guess was right.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

from interns.tools.context.relevance import acceptance_test_files, failure_locations
from interns.tools.safe_paths import is_real_file_inside
from interns.tools.symbols import Symbol

FAILED_TEST = re.compile(r"^(?:FAILED|ERROR) (?P<path>[\w./-]+\.py)::(?P<name>[\w\[\]-]+)", re.MULTILINE)
WORD = re.compile(r"[a-z]{4,}")
# the test calls the entry point; a symptom-first bug mostly sits in a helper it calls
IN_TRACEBACK, CALLED_ONCE_REMOVED, CALLED_BY_TEST, SPEC_WORD = 8, 5, 4, 1


@dataclass(frozen=True)
class Suspect:
    path: str
    symbol: Symbol
    score: int


def _identifiers(node: ast.AST) -> set[str]:
    names = set()
    for inner in ast.walk(node):
        if isinstance(inner, ast.Name):
            names.add(inner.id)
        elif isinstance(inner, ast.Attribute):
            names.add(inner.attr)
    return names


def code_identifiers(code: str) -> set[str]:
    """Names and attribute names a piece of code reads (a method's indented source too); none when it
    does not parse."""
    try:
        return _identifiers(ast.parse(code.strip() if not code.startswith((" ", "\t")) else "if 1:\n" + code))
    except SyntaxError:
        return set()


def failing_test_names(worktree: Path, accept: tuple[str, ...], failure_output: str) -> set[str]:
    """Identifiers the failing tests use (every test of the acceptance files when none is named)."""
    failing = {(match["path"], match["name"].split("[")[0]) for match in FAILED_TEST.finditer(failure_output)}
    names: set[str] = set()
    for path, _ in acceptance_test_files(accept, worktree):
        if not is_real_file_inside(worktree, path):
            continue
        try:
            tree = ast.parse((worktree / path).read_bytes())
        except (SyntaxError, ValueError):
            continue
        wanted = {name for test_path, name in failing if test_path.endswith(path) or path.endswith(test_path)}
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and (not wanted or node.name in wanted):
                names |= _identifiers(node)
    return names


def rank_suspects(
    candidates: list[tuple[str, str, Symbol]], failure_output: str, test_names: set[str], spec_text: str
) -> list[Suspect]:
    """(path, file source, function) candidates with a score > 0, best first (file order on ties)."""
    spec_words = set(WORD.findall(spec_text.lower()))
    frames = failure_locations(failure_output, sorted({path for path, _, _ in candidates}))
    bodies = {symbol.name: code_identifiers("\n".join(source.split("\n")[symbol.def_line - 1 : symbol.end_line])) for _, source, symbol in candidates}
    # a class the test builds counts as calling its __init__
    called = {symbol.bare_name for _, _, symbol in candidates if symbol.bare_name in test_names}
    called |= {"__init__"} & {symbol.bare_name for _, _, symbol in candidates if symbol.parent in test_names}
    once_removed = set().union(*(bodies[symbol.name] for _, _, symbol in candidates if symbol.bare_name in called)) if called else set()
    suspects = []
    for order, (path, _, symbol) in enumerate(candidates):
        score = 0
        if any(frame_path == path and symbol.def_line <= line <= symbol.end_line for frame_path, line in frames):
            score += IN_TRACEBACK
        if symbol.bare_name in called and (symbol.bare_name != "__init__" or symbol.parent in test_names):
            score += CALLED_BY_TEST
        if symbol.bare_name in once_removed and symbol.bare_name not in called:
            score += CALLED_ONCE_REMOVED
        score += SPEC_WORD * min(2, len(set(WORD.findall(symbol.bare_name.lower().replace("_", " "))) & spec_words))
        if score:
            suspects.append((score, order, Suspect(path, symbol, score)))
    return [suspect for _, _, suspect in sorted(suspects, key=lambda item: (-item[0], item[1]))]
