"""A function task's answer: the body a model wrote after the header we gave it, made into a function.

With assistant prefill the model's answer starts inside our ```python block, right after the target's
header and docstring, so it holds just the body, followed by whatever small models add (a closing
fence, example calls at module level, prose). Without prefill (a provider that cannot continue an
assistant message) the model restates the whole function in a block. Both become the function's new
source, which must parse and must not still be a stub; the splice into the file is the caller's.
"""

from __future__ import annotations

import ast
import re
import textwrap

from interns.tools.edits.model import MalformedAnswer

FENCE_LINE = re.compile(r"^\s*(`{3,}|~{3,})")
STUB_BODIES = ("raise NotImplementedError", "pass", "...")


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip())


def _def_pattern(bare_name: str) -> re.Pattern[str]:
    return re.compile(rf"^\s*(async\s+def|def)\s+{re.escape(bare_name)}\s*\(")


def body_lines(continuation: str, def_indent: int) -> list[str]:
    """The lines of the continuation that belong to the function: up to a closing fence or the first
    line that is not blank and not indented deeper than the `def` (example calls, a second definition,
    prose), whichever comes first. Lines inside a multi-line string are kept whatever their indent."""
    lines = continuation.replace("\r\n", "\n").split("\n")
    kept: list[str] = []
    in_string: str | None = None
    for line in lines:
        if in_string is None:
            if FENCE_LINE.match(line):
                break
            if line.strip() and _indent_of(line) <= def_indent:
                break
        kept.append(line)
        for quote in ('"""', "'''"):
            if in_string in (None, quote) and line.count(quote) % 2 == 1:
                in_string = None if in_string == quote else quote
    while kept and not kept[-1].strip():
        kept.pop()
    return kept


def _restated_function(text: str, bare_name: str) -> str | None:
    """The function as written in full in the answer (in a fence or not), when it is there."""
    lines = text.replace("\r\n", "\n").split("\n")
    pattern = _def_pattern(bare_name)
    for index, line in enumerate(lines):
        if not pattern.match(line):
            continue
        start = index
        while start > 0 and lines[start - 1].lstrip().startswith("@"):  # its decorators
            start -= 1
        indent = _indent_of(line)
        rest = body_lines("\n".join(lines[index + 1 :]), indent)
        return "\n".join(lines[start : index + 1] + rest) + "\n"
    return None


def assemble_function(prefill_code: str, continuation: str, bare_name: str) -> str:
    """The complete new function from our header (`prefill_code`: decorators, `def`, docstring) and the
    model's continuation; raises MalformedAnswer (the message is for the model) when there is none.

    A continuation that starts over with its own `def name(` (the model restated the header) is taken
    whole; so is a plain answer holding the function when there was no prefill (`prefill_code` "")."""
    first = next((line for line in continuation.split("\n") if line.strip()), "")
    if not prefill_code or _def_pattern(bare_name).match(first) or first.lstrip().startswith(("```", "@")):
        restated = _restated_function(continuation, bare_name)
        if restated is None:
            raise MalformedAnswer(f"your answer has no definition of `{bare_name}`: write the whole function `def {bare_name}(...)` in one ```python block")
        code = restated
    else:
        header = prefill_code.rstrip("\n").split("\n")
        def_line = next(line for line in header if _def_pattern(bare_name).match(line))
        body = body_lines(continuation, _indent_of(def_line))
        if not any(line.strip() for line in body):
            raise MalformedAnswer(f"your answer has no body for `{bare_name}`: write the statements of the function, indented under its header")
        code = "\n".join(header + body) + "\n"
    check_function(code, bare_name)
    return code


def check_function(code: str, bare_name: str) -> None:
    """The code parses as one definition of `bare_name` whose body is more than a stub."""
    try:
        tree = ast.parse(textwrap.dedent(code))
    except SyntaxError as error:
        line = (error.text or "").strip()
        raise MalformedAnswer(f"`{bare_name}` does not compile: {error.msg} (line {error.lineno} of the function{': ' + line if line else ''})") from None
    node = next((node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == bare_name), None)
    if node is None:
        raise MalformedAnswer(f"your answer has no definition of `{bare_name}`")
    if is_stub(node):
        raise MalformedAnswer(f"`{bare_name}` is still a stub: write the code that does what its docstring says")


def is_stub(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A body with nothing but a docstring and `pass`, `...` or `raise NotImplementedError`."""
    body = list(node.body)
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
        body = body[1:]
    if not body:
        return True
    if len(body) != 1:
        return False
    statement = body[0]
    if isinstance(statement, ast.Pass):
        return True
    if isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant) and statement.value.value is Ellipsis:
        return True
    if isinstance(statement, ast.Raise) and statement.exc is not None:
        target = statement.exc.func if isinstance(statement.exc, ast.Call) else statement.exc
        return isinstance(target, ast.Name) and target.id == "NotImplementedError"
    return False
