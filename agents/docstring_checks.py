"""Checks the model writes from a function's docstring, to choose among candidates that all pass the
spec's acceptance commands.

A spec's acceptance tests are few; a docstring states more rules ("an interval that ends before it
starts raises ValueError", "the input list is not modified"). A candidate that passes the acceptance
tests and breaks such a rule is a false "done". When several distinct candidates of an attempt pass,
the model is asked (once per target) for small test functions, one per rule; every passing candidate
runs them in the sandbox and the one passing most is committed (ties: the candidate whose results
most others share, then the validation order). The checks rank, they never gate: a wrong check
passes or fails for every candidate alike, and a candidate is committed whatever its score. The idea
is CodeT's (Chen et al., 2022: model-written tests as a ranking signal).

The checks are model output: parsed with `ast` (only test functions and plain asserts that call the
target are kept), run only inside the sandbox, and read back from one marker line carrying a fresh
nonce (printed text of a candidate does not pass for it; a candidate that dug the nonce out of its own
process could only reorder candidates that all passed the acceptance commands).
"""

from __future__ import annotations

import ast
import json
import re
import secrets
import shlex
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from interns.agents.function_form import FunctionTarget
from interns.agents.prompt_templates import templates

MAX_CHECKS = 16  # enough rules for one function; more mostly repeats them
MAX_TOKENS = 1024  # per answer: a small model's longer answers repeat their tests (a cut-off one still parses)
CHECK_SECONDS = 2  # per check: a candidate that loops forever fails that check, not the run
MARKER = "interns-checks"
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
TRIM_TRIES = 40  # an answer cut off mid-statement loses its last lines until it parses


# where the sandbox has no pytest: the two helpers model-written tests use most
FALLBACK_PYTEST = """if pytest is None:
    import math, types
    class _Raises:
        def __init__(self, kind, match=None):
            self.kind = kind
        def __enter__(self):
            return self
        def __exit__(self, kind, value, trace):
            if kind is None:
                raise AssertionError('DID NOT RAISE')
            return issubclass(kind, self.kind)
    class _Approx:
        def __init__(self, expected, rel=1e-6, abs=1e-12):
            self.expected, self.rel, self.abs = expected, rel, abs
        def __eq__(self, actual):
            return math.isclose(actual, self.expected, rel_tol=self.rel, abs_tol=self.abs)
    pytest = types.SimpleNamespace(raises=_Raises, approx=_Approx)"""


@dataclass(frozen=True)
class Checks:
    """Test functions for one target: `imports` run first (each may fail alone), then each check."""

    imports: tuple[str, ...]
    tests: tuple[tuple[str, str], ...]  # (function name, its source)


def can_check(target: FunctionTarget) -> bool:
    """Checks are written for top-level functions with a docstring (a method needs an instance)."""
    return "." not in target.name and ('"""' in target.header or "'''" in target.header)


def checks_messages(target: FunctionTarget, prefill: bool) -> list[dict[str, str]]:
    parts = templates()["checks"]
    user = parts["user"].format(path=target.path, header=target.header.rstrip(), name=target.bare_name)
    if not prefill:
        user += parts["no_prefill"]
    return [{"role": "system", "content": parts["system"]}, {"role": "user", "content": user}]


def checks_prefill(target: FunctionTarget) -> str:
    return templates()["checks"]["prefill"].format(module=target.module, name=target.bare_name)


def checks_stop() -> list[str]:
    return list(templates()["checks"]["stop"])


def parse_checks(answer: str, target_name: str, prefill: str | None = None) -> Checks:
    """The test functions and asserts of `answer` (after `prefill`, when the model continued it) that
    call `target_name`; nothing when no part of it parses."""
    text = (prefill or "") + answer
    code = "\n".join(line for line in _code_lines(text))
    tree = _parse_trimmed(code)
    if tree is None:
        return Checks((), ())
    imports: list[str] = []
    tests: dict[str, tuple[str, str]] = {}  # normalised source -> (name, source): a repeated check counts once
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            imports.append(ast.unparse(node))
        elif isinstance(node, ast.FunctionDef) and node.name.startswith("test") and _takes_no_arguments(node) and _calls(node, target_name):
            name = f"check_{len(tests) + 1}"
            tests.setdefault(ast.dump(ast.Module(body=node.body, type_ignores=[])), (name, ast.unparse(ast.FunctionDef(
                name=name, args=node.args, body=node.body, decorator_list=[], returns=None, type_params=[], lineno=0,
            ))))
        elif isinstance(node, ast.Assert) and _calls(node, target_name):
            name = f"check_{len(tests) + 1}"
            tests.setdefault(ast.dump(node), (name, f"def {name}():\n    {ast.unparse(node)}"))
    return Checks(tuple(dict.fromkeys(imports)), tuple(list(tests.values())[:MAX_CHECKS]))


def merge_checks(all_checks: Sequence[Checks]) -> Checks:
    """Several answers' checks as one set (renumbered, each distinct check once)."""
    imports: dict[str, None] = {}
    bodies: dict[str, str] = {}
    for checks in all_checks:
        imports.update(dict.fromkeys(checks.imports))
        for name, source in checks.tests:
            body = source.split("\n", 1)[1] if "\n" in source else source
            bodies.setdefault(body, source)
    tests: list[tuple[str, str]] = []
    for index, body in enumerate(list(bodies)[:MAX_CHECKS], start=1):
        tests.append((f"check_{index}", f"def check_{index}():\n{body}"))
    return Checks(tuple(imports), tuple(tests))


def checks_command(target: FunctionTarget, checks: Checks, nonce: str) -> str:
    """A shell command that runs each check against the module as it is in the worktree and prints one
    line `interns-checks <nonce> [true, false, ...]`."""
    script = "\n".join([
        "import importlib, json, signal, sys",
        "sys.path[:0] = ['.', 'src']",
        f"g = dict(vars(importlib.import_module({target.module!r})))",
        "try:\n    import pytest\nexcept ImportError:\n    pytest = None",
        FALLBACK_PYTEST,
        "g['pytest'] = pytest",
        f"for line in {list(checks.imports)!r}:",
        "    try:\n        exec(line, g)\n    except BaseException:\n        pass",
        "def alarm(*_):\n    raise TimeoutError('check timed out')",
        "signal.signal(signal.SIGALRM, alarm)",
        "results = []",
        f"for name, source in {list(checks.tests)!r}:",
        "    passed = False",
        "    try:",
        f"        exec(source, g); signal.alarm({CHECK_SECONDS}); g[name](); passed = True",
        "    except BaseException:",
        "        pass",
        "    finally:",
        "        signal.alarm(0)",
        "    results.append(passed)",
        f"print({MARKER!r}, {nonce!r}, json.dumps(results), flush=True)",
    ])
    return "python -c " + shlex.quote(script)


def new_nonce() -> str:
    return secrets.token_hex(8)


def read_results(output: str, nonce: str, count: int) -> tuple[bool, ...] | None:
    """The checks' results from the command's output, or None when the marker line is missing or wrong."""
    prefix = f"{MARKER} {nonce} "
    for line in reversed(output.splitlines()):
        if line.startswith(prefix):
            try:
                values = json.loads(line[len(prefix):])
            except ValueError:
                return None
            if isinstance(values, list) and len(values) == count and all(isinstance(value, bool) for value in values):
                return tuple(values)
            return None
    return None


def rank(results: Sequence[tuple[bool, ...] | None]) -> list[int]:
    """Indices of the candidates, best first: most checks passed, then the candidate whose results most
    others share (agreement), then the given order. A candidate without results ranks by order alone,
    after those with results."""
    agreement = Counter(result for result in results if result is not None)

    def key(index: int) -> tuple[int, int, int]:
        result = results[index]
        if result is None:
            return (1, 0, index)
        return (-sum(result), -agreement[result], index)

    return sorted(range(len(results)), key=key)


def _code_lines(text: str) -> list[str]:
    """The lines of the first fenced block (or all lines when there is no fence; an unclosed fence runs to the end)."""
    lines = text.splitlines()
    opened = next((index for index, line in enumerate(lines) if FENCE.match(line)), None)
    if opened is None:
        return lines
    closing = next((index for index in range(opened + 1, len(lines)) if FENCE.match(lines[index])), len(lines))
    return lines[opened + 1:closing]


def _parse_trimmed(code: str) -> ast.Module | None:
    lines = code.splitlines()
    for cut in range(min(TRIM_TRIES, len(lines)) + 1):
        try:
            return ast.parse("\n".join(lines[: len(lines) - cut]))
        except SyntaxError:
            continue
    return None


def _takes_no_arguments(node: ast.FunctionDef) -> bool:
    args = node.args
    return not (args.posonlyargs or args.args or args.vararg or args.kwonlyargs or args.kwarg)


def _calls(node: ast.AST, name: str) -> bool:
    return any(
        isinstance(call, ast.Call) and ((isinstance(call.func, ast.Name) and call.func.id == name) or (isinstance(call.func, ast.Attribute) and call.func.attr == name))
        for call in ast.walk(node)
    )
