"""The function answer form: a task whose change lies inside one Python function.

A small model asked for "the new code" of a file copies what it was shown (the stub, the bug) back.
Asked to *continue* a function whose header and docstring already start its answer (assistant
prefill), it writes a body, which is what it was trained to do. So for a task the spec pins to one
function (it names it, or the failing test's traceback ends in it; for a bug report that names only
the symptom, each of the likeliest suspects in turn, see localize.py) the model sees the file around the
function (imports, neighbouring definitions, abridged when the file is big), the tests, for a bug the
current code and the failing assertion, and then writes only the body. A stub body is never shown.
"""

from __future__ import annotations

import ast
import difflib
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from interns.agents.answer_form import Previous
from interns.agents.localize import code_identifiers, failing_test_names, rank_suspects
from interns.agents.prompt_templates import templates
from interns.globs import expand, repo_files
from interns.specs import Task
from interns.tools.context.failure_output import trim_failure_output
from interns.tools.context.relevance import STRONG, acceptance_test_files, failure_locations, spec_mentions
from interns.tools.edits.function_answer import assemble_function, is_stub
from interns.tools.edits.checks import UnchangedAnswer
from interns.tools.edits.kept_behaviour import lost_behaviour
from interns.tools.edits.model import MalformedAnswer
from interns.tools.safe_paths import is_real_file_inside
from interns.tools.symbols import Symbol, extract_symbols, functions_of, splice_symbol
from interns.tools.symbols.missing_imports import add_missing_imports
from interns.tools.symbols.model import SymbolEditError

WHOLE_FILE_TOKENS = 1800  # a file (without the target) up to this size is shown whole
FILE_VIEW_TOKENS = 1500  # else its abridged view gets this much
TESTS_TOKENS = 900
FAILURE_CHARS = 1500
NO_FAILING_OUTPUT = "(no failing output)"  # a bug whose acceptance commands pass as the code is
MAX_SUSPECT_FILES = 6  # a symptom with more files in scope than this is left to edit blocks
MAX_SUSPECTS = 3  # functions tried in turn, one per attempt
MAX_INDEXED_MODULES = 400  # modules scanned for the names a new body may need to import
MAX_INDEXED_BYTES = 400_000


@dataclass(frozen=True)
class FunctionTarget:
    """The one function a task changes."""

    path: str
    name: str  # qualified: "func" or "Class.method"
    header: str  # decorators, `def` line(s) and docstring, as in the file (its indentation kept)
    current: str  # the whole definition as it is now
    stub: bool  # its body is only `raise NotImplementedError` / `pass` / `...`
    has_doctest: bool
    symbol: Symbol

    @property
    def bare_name(self) -> str:
        return self.name.rsplit(".", 1)[-1]

    @property
    def module(self) -> str:
        return module_of(self.path)


def _function_node(tree: ast.Module, symbol: Symbol) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.lineno == symbol.def_line:
            return node
    return None


def _target(path: str, source: str, symbol: Symbol) -> FunctionTarget | None:
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    node = _function_node(tree, symbol)
    if node is None:
        return None
    lines = source.split("\n")
    header_end = symbol.header_end_line
    docstring = ast.get_docstring(node, clean=False)
    if docstring is not None and isinstance(node.body[0], ast.Expr):
        header_end = node.body[0].end_lineno or header_end
    header = "\n".join(lines[symbol.decorator_line - 1 : header_end]) + "\n"
    current = "\n".join(lines[symbol.decorator_line - 1 : symbol.end_line]) + "\n"
    return FunctionTarget(path, symbol.name, header, current, is_stub(node), ">>>" in (docstring or ""), symbol)


def _python_files_in_scope(task: Task, worktree: Path) -> list[str]:
    return [path for path in expand(list(task.files), repo_files(worktree)) if path.endswith(".py")]


def python_files_in_scope(task: Task, worktree: Path) -> int:
    """How many existing Python files the task may change (a function target lies in one of them)."""
    return len(_python_files_in_scope(task, worktree))


def find_target(task: Task, worktree: Path, failure_output: str | None = None) -> FunctionTarget | None:
    """The function the task is about, when there is exactly one: named by the spec in the one Python
    file it may change, else where the failing output's last traceback frame in that file lies."""
    files = _python_files_in_scope(task, worktree)
    if len(files) != 1:
        return None
    path = files[0]
    if not is_real_file_inside(worktree, path):  # never read through a link the repository holds
        return None
    source = (worktree / path).read_text(encoding="utf-8", errors="replace")
    symbols = functions_of(source, path)
    mentions = spec_mentions(f"{task.title}\n{task.description}")
    named = [symbol for symbol in symbols if mentions.score(symbol) >= STRONG]
    if len(named) == 1:
        return _target(path, source, named[0])
    if named or not failure_output:
        return None
    for _, line in reversed(failure_locations(failure_output, [path])):
        inside = [symbol for symbol in symbols if symbol.start_line <= line <= symbol.end_line]
        if inside:
            return _target(path, source, max(inside, key=lambda symbol: symbol.start_line))  # the innermost
    return None


def find_targets(task: Task, worktree: Path, failure_output: str | None = None) -> list[FunctionTarget]:
    """The functions worth asking for, best first: the one the spec names (one Python file in scope),
    else, for a failure whose cause the spec does not name, the likeliest suspects of the files the task
    may change (agents/localize.py), tried in turn. Empty: the task is not inside one function."""
    one = find_target(task, worktree, failure_output)
    if one is not None:
        return [one]
    files = [path for path in _python_files_in_scope(task, worktree) if is_real_file_inside(worktree, path)]
    if not failure_output or not files or len(files) > MAX_SUSPECT_FILES:
        return []
    mentions = spec_mentions(f"{task.title}\n{task.description}")
    candidates: list[tuple[str, str, Symbol]] = []
    for path in files:
        source = (worktree / path).read_text(encoding="utf-8", errors="replace")
        for symbol in functions_of(source, path):
            if mentions.score(symbol) >= STRONG:
                return []  # the spec names functions but not one alone: a change across them (edit blocks)
            candidates.append((path, source, symbol))
    test_names = failing_test_names(worktree, task.accept, failure_output)
    suspects = rank_suspects(candidates, failure_output, test_names, f"{task.title}\n{task.description}")
    sources = {path: source for path, source, _ in candidates}
    targets = [_target(suspect.path, sources[suspect.path], suspect.symbol) for suspect in suspects[:MAX_SUSPECTS]]
    return [target for target in targets if target is not None]


def module_of(path: str) -> str:
    """The dotted module a repository file imports as (from the root, or from `src/`)."""
    parts = path.removesuffix(".py").split("/")
    if parts[0] == "src" and len(parts) > 1:
        parts = parts[1:]
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def repo_definitions(worktree: Path) -> dict[str, list[str]]:
    """Top-level function and class names of the repository's (non-test) modules -> the modules. (A
    name the target's own module defines is never missing there, so that module may be in it too.)"""
    found: dict[str, list[str]] = {}
    paths = [path for path in repo_files(worktree) if path.endswith(".py") and not path.startswith(("tests/", "test/")) and "/test_" not in f"/{path}"]
    for path in paths[:MAX_INDEXED_MODULES]:
        if not is_real_file_inside(worktree, path) or (worktree / path).stat().st_size > MAX_INDEXED_BYTES:
            continue
        try:
            tree = ast.parse((worktree / path).read_bytes())
        except (SyntaxError, ValueError):
            continue
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
                found.setdefault(node.name, []).append(module_of(path))
    return found


# ------------------------------------------------------------------------------ what the model sees


def file_view(target: FunctionTarget, source: str, count_tokens: Callable[[str], int]) -> str:
    """The file without the target (a marker where it goes): whole when small, else the imports and
    constants whole and the other definitions as signatures, the nearest and the ones the target's
    header names first, within the budget."""
    lines = source.split("\n")
    symbol = target.symbol
    marker = f"{symbol.indent}# ... `{target.bare_name}` goes here (you write it) ..."
    whole = lines[: symbol.start_line - 1] + [marker] + lines[symbol.end_line :]
    text = "\n".join(whole).strip("\n")
    if count_tokens(text) <= WHOLE_FILE_TOKENS:
        return text
    tree = ast.parse(source)
    keep: dict[float, str] = {symbol.start_line: marker}  # line number -> text (x.5: an inserted line)
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)) or (isinstance(node, (ast.Assign, ast.AnnAssign)) and (node.end_lineno or node.lineno) - node.lineno < 3):
            for number in range(node.lineno, (node.end_lineno or node.lineno) + 1):
                keep[number] = lines[number - 1]
    wanted = code_identifiers(target.current)
    others = [other for other in extract_symbols(source, target.path) if other.name != symbol.name and not (symbol.start_line <= other.def_line <= symbol.end_line)]
    others.sort(key=lambda other: (other.bare_name not in wanted, abs(other.def_line - symbol.def_line)))
    used = count_tokens("\n".join(keep.values()))
    for other in others:
        header = lines[other.decorator_line - 1 : other.header_end_line]
        shown: dict[float, str] = {number: lines[number - 1] for number in range(other.decorator_line, other.header_end_line + 1)}
        if other.kind not in ("class",):
            shown[other.header_end_line + 0.5] = f"{other.indent}    ..."
        cost = count_tokens("\n".join(header)) + 2
        if used + cost > FILE_VIEW_TOKENS:
            continue
        used += cost
        keep.update(shown)
    ordered = [keep[number] for number in sorted(keep)]
    return "\n".join(ordered).strip("\n")


def tests_view(task: Task, target: FunctionTarget, worktree: Path, count_tokens: Callable[[str], int]) -> str:
    """The acceptance tests that use the target (all tests of a small file), within the budget."""
    chunks: list[str] = []
    used = 0
    for path, _selected in acceptance_test_files(task.accept, worktree):
        source = (worktree / path).read_text(encoding="utf-8", errors="replace")
        if count_tokens(source) <= TESTS_TOKENS - used and target.bare_name in source:
            chunks.append(source.strip("\n"))
            used += count_tokens(source)
            continue
        for symbol in extract_symbols(source, path):
            if symbol.parent is not None or not symbol.bare_name.startswith("test"):
                continue
            code = "\n".join(source.split("\n")[symbol.start_line - 1 : symbol.end_line])
            if target.bare_name not in code:
                continue
            cost = count_tokens(code)
            if used + cost > TESTS_TOKENS:
                break
            chunks.append(code)
            used += cost
    return "\n\n".join(chunks)


class FunctionForm:
    """Messages and answer handling for a function task."""

    name = "function"

    def __init__(
        self, task: Task, target: FunctionTarget, worktree: Path, count_tokens: Callable[[str], int], prefill: bool,
        definitions: dict[str, list[str]], failure_output: str | None = None, carry_feedback: str | None = None,
        keep_behaviour: bool = True, plain_first: bool = True, escalated: bool = False,
    ) -> None:
        """`definitions`: repo_definitions() of the worktree, read once per task and shared by its forms;
        `keep_behaviour`: a bug fix that loses a raise or a parameter of the function is refused
        (`models.keep_behaviour`, tools/edits/kept_behaviour.py); `plain_first`: the first fresh sample
        of an implementation, and of a bug fix in a tier after the first (`escalated`), is asked as the
        raw baseline asks it (`models.plain_first`)."""
        self.task = task
        self.target = target
        self.prefill = prefill
        self.keep_behaviour = keep_behaviour and not target.stub
        # the model's unaided answer is then always a candidate, and the first one checked: the intern
        # cannot do worse than the model asked once (shown the file and the tests, the 0.5B sometimes
        # writes a different first answer than asked plainly; a bigger model that first repairs the 0.5B's
        # candidate can pass the visible tests with a wrong fix before its own right answer is asked).
        # The first model's bug fixes keep the fuller prompt, as they were.
        self._plain_due = plain_first and (target.stub or escalated)
        self._plain_text: str | None = None
        self.source = (worktree / target.path).read_text(encoding="utf-8", errors="replace")
        failing = "" if target.stub or not failure_output else trim_failure_output(failure_output, FAILURE_CHARS)
        self._file_view = file_view(target, self.source, count_tokens)
        self._tests = tests_view(task, target, worktree, count_tokens)
        self._failure = failing
        self._definitions = definitions
        # the code as it is (a bug fix) is shown until the model copies it back; copies are counted from
        # every sample thread and read only when an attempt's prompt is built, so a run replays the same
        self._copies = 0
        self._copies_lock = threading.Lock()
        self._previous_of: dict[str, Previous | None] = {}  # a prompt's text -> the failure it shows
        # a merge conflict or a post-merge failure of an earlier round, told like a failed candidate
        self._carry = Previous("", target.current, carry_feedback, carry_feedback) if carry_feedback else None

    @property
    def prefill_text(self) -> str | None:
        return templates()["function"]["prefill"].format(header=self.target.header) if self.prefill else None

    @property
    def stop(self) -> list[str] | None:
        # the body is over at the block's closing fence or at the next top-level statement
        return list(templates()["function"]["stop"]) if self.prefill else None

    def messages(self, previous: Previous | None = None) -> list[dict[str, str]]:
        with self._copies_lock:
            show_current = not self.target.stub and self._copies == 0
        messages = self._messages(previous, show_current)
        with self._copies_lock:
            self._previous_of[messages[-1]["content"]] = previous
        return messages

    def fresh_prompts(self, count: int) -> list[list[dict[str, str]]]:
        """Prompts for `count` samples asked afresh. An implementation's very first (greedy) sample is
        asked plainly, as the raw baseline asks it (`plain_first`). For a bug fix, half are shown the
        current code and half only its docstring and the failure: shown the code, the 0.5B mostly writes
        it back unchanged (on the dev split's bug fixes, 5 in 6 of its malformed answers were copies)."""
        shown = self.messages(None)
        if self._plain_due:
            self._plain_due = False
            return [self.plain_messages()] + [shown] * (count - 1)
        if self.target.stub or count == 1 or shown[1]["content"] == (hidden := self._messages(None, show_current=False))[1]["content"]:
            return [shown] * count
        with self._copies_lock:
            self._previous_of[hidden[1]["content"]] = None
        with_code = -(-count // 2)
        return [shown] * with_code + [hidden] * (count - with_code)

    def plain_messages(self) -> list[dict[str, str]]:
        """The raw baseline's prompt for this function: its signature and docstring (to implement), or
        the failing output and the function (to fix), nothing else."""
        if self.target.stub:
            self._plain_text = plain_implement_prompt(self.target)
        else:
            self._plain_text = plain_fix_prompt(self.target, self._failure or NO_FAILING_OUTPUT)
        return [{"role": "user", "content": self._plain_text}]

    @property
    def plain_due(self) -> bool:
        return self._plain_due

    def greedy(self, messages: list[dict[str, str]]) -> bool:
        return self._plain_text is not None and messages[-1]["content"] == self._plain_text

    def _messages(self, previous: Previous | None, show_current: bool) -> list[dict[str, str]]:
        previous = previous or self._carry
        parts = templates()["function"]
        name = self.target.bare_name
        tests = parts["tests"].format(code=self._tests) if self._tests else ""
        current = parts["current"].format(name=name, code=self.target.current.rstrip("\n")) if show_current else ""
        if previous is not None:
            failure = parts["previous"].format(name=name, code=previous.code.rstrip("\n"), output=previous.output.strip())
        else:
            failure = parts["failure"].format(output=self._failure) if self._failure else ""
        instruction = parts["implement" if self.target.stub else "fix"].format(name=name)
        if not self.prefill:
            instruction += parts["no_prefill"].format(name=name)
        task = f"{self.task.title}\n\n{self.task.description.strip()}"
        user = parts["user"].format(task=task, path=self.target.path, file_view=self._file_view, tests=tests, current=current, failure=failure, instruction=instruction)
        return [{"role": "system", "content": parts["system"]}, {"role": "user", "content": user}]

    def reask(self, messages: list[dict[str, str]], answer: str, error: MalformedAnswer) -> list[dict[str, str]]:
        # the same prompt, sampled (shown its own broken body, a small model tends to repeat it); but a
        # model that copied the current code back is from now on asked to write it from the docstring
        if isinstance(error, UnchangedAnswer) and not self.target.stub:
            with self._copies_lock:
                self._copies += 1
                previous = self._previous_of.get(messages[-1]["content"])  # the prompt's own text: the last message
            return self._messages(previous, show_current=False)
        return messages

    def candidate_code(self, answer: str) -> str:
        try:
            return self.function_code(answer)
        except MalformedAnswer:
            return answer

    def function_code(self, answer: str) -> str:
        """The candidate function from the model's answer (MalformedAnswer when there is none)."""
        return assemble_function(self.target.header if self.prefill else "", answer, self.target.bare_name)

    def contents(self, answer: str) -> dict[str, str]:
        """The file's new content with the candidate spliced in, plus the imports its body needs that
        the file lacks (a body cannot add them); MalformedAnswer when it cannot be spliced."""
        code = self.function_code(answer)
        if self.keep_behaviour and (lost := lost_behaviour(self.target.current, code, f"{self.task.title}\n{self.task.description}")):
            raise MalformedAnswer(f"`{self.target.bare_name}`: {'; '.join(lost)}; keep what it did and fix only what the failure shows")
        try:
            source = splice_symbol(self.source, self.target.name, code, self.target.path)
        except SymbolEditError as error:
            raise MalformedAnswer(str(error)) from None
        return {self.target.path: add_missing_imports(source, self.target.name, self._definitions)}

    def change_size(self, contents: dict[str, str]) -> int | None:
        """For a bug fix, the lines the candidate changes in the file. A small model that rewrites the
        whole function to pass the failing test drops behaviour the tests do not pin (a guard clause,
        an edge case); among candidates that pass, the least change is the likelier fix. None for an
        implementation (the smallest body that passes is the likelier overfit)."""
        if self.target.stub:
            return None
        new = contents.get(self.target.path, self.source).splitlines()
        matcher = difflib.SequenceMatcher(a=self.source.splitlines(), b=new, autojunk=False)
        return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")

    def doctest_command(self) -> str | None:
        """A command that runs the target's docstring examples (the cheapest behavioural check)."""
        if not self.target.has_doctest:
            return None
        return doctest_command(self.target.module, self.target.name)

    def checks_target(self) -> FunctionTarget | None:
        from interns.agents.docstring_checks import can_check

        return self.target if can_check(self.target) else None


def plain_implement_prompt(target: FunctionTarget) -> str:
    """"Complete the following Python function" with its header: how the raw baseline asks for it."""
    return templates()["raw"]["implement"].format(header=target.header.rstrip("\n"))


def plain_fix_prompt(target: FunctionTarget, failure: str) -> str:
    """"This Python function has a bug; a test fails" with the output and the function: how the raw
    baseline asks for a fix (`failure` already trimmed)."""
    return templates()["raw"]["fix"].format(output=failure, code=target.current.rstrip("\n"))


def doctest_command(module: str, name: str) -> str:
    script = (
        "import doctest, importlib, sys; sys.path[:0] = ['.', 'src']; "
        f"m = importlib.import_module({module!r}); o = m\n"
        f"for p in {name!r}.split('.'): o = getattr(o, p)\n"
        "r = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)\n"
        f"[r.run(t) for t in doctest.DocTestFinder(recurse=False).find(o, {name!r}, globs=dict(vars(m)))]\n"
        "sys.exit(1 if r.failures else 0)"
    )
    return "python -c " + _shell_quote(script)


def _shell_quote(text: str) -> str:
    return "'" + text.replace("'", "'\"'\"'") + "'"
