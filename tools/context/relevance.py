"""Which definitions a task is about: identifiers named by the spec, the acceptance tests, a failure.

Mentions come in tiers. STRONG: written like code in the spec (`in backticks`, `name(`, snake_case,
CamelCase, dotted, or inside a fenced block). TEST: referenced by the test files the acceptance
commands run. WEAK: a plain word of the spec that happens to be a definition's name.
"""

from __future__ import annotations

import ast
import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from interns.tools.symbols import Symbol

STRONG, TEST, WEAK = 3, 2, 1
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
CODE_SPAN = re.compile(r"`([^`\n]+)`")
FENCED = re.compile(r"^(`{3,}|~{3,})[^\n]*\n(.*?)^\1", re.MULTILINE | re.DOTALL)
MAX_TEST_FILE_BYTES = 300_000
# plain English words that are also common function names; only ever weak mentions anyway
STOPWORDS = {
    "this", "that", "with", "from", "when", "then", "than", "into", "each", "should", "must", "will",
    "have", "make", "sure", "also", "only", "more", "some", "same", "they", "them", "their", "there",
    "which", "what", "does", "done", "while", "where", "after", "before", "return", "returns", "value",
    "values", "file", "files", "test", "tests", "code", "function", "functions", "class", "method",
    "string", "list", "dict", "name", "names", "data", "none", "true", "false", "pass", "passes", "call",
    "calls", "work", "works", "keep", "keeps", "change", "changes", "implement", "add", "fix", "update",
    "helper", "module", "line", "lines", "text", "number", "result", "results", "given", "input", "output",
}


@dataclass
class Mentions:
    """Identifier -> tier (the highest it was seen with)."""

    tiers: dict[str, int] = field(default_factory=dict)

    def add(self, identifier: str, tier: int) -> None:
        if tier > self.tiers.get(identifier, 0):
            self.tiers[identifier] = tier

    def score(self, symbol: Symbol) -> int:
        """How strongly the symbol is named: a mention equal to its bare or qualified name, or a dotted
        mention ending with it (`module.func`, `Class.method`)."""
        best = 0
        name = symbol.name
        bare = symbol.bare_name
        for candidate in _name_forms(name):
            tier = self.tiers.get(candidate, 0)
            if tier and (candidate != bare or tier != WEAK or _weak_ok(bare)):
                best = max(best, tier)
        return best


    def name_tier(self, name: str) -> int:
        """The tier a plain name (a module constant) is mentioned with; weak mentions of short or
        common words do not count."""
        tier = self.tiers.get(name, 0)
        return tier if tier != WEAK or _weak_ok(name) else 0


def _name_forms(qualified: str) -> list[str]:
    """`A.B.c` -> ["A.B.c", "B.c", "c"]: the ways a text can name it."""
    parts = qualified.split(".")
    return [".".join(parts[index:]) for index in range(len(parts))]


def _weak_ok(bare: str) -> bool:
    return len(bare) >= 4 and bare.lower() not in STOPWORDS


def _is_code_like(word: str) -> bool:
    return "_" in word or "." in word or any(char.isdigit() for char in word) or bool(re.search(r"[a-z][A-Z]", word))


def _add_identifier(mentions: Mentions, word: str, tier: int) -> None:
    parts = word.split(".")
    # every dotted suffix: "pkg.mod.func" names "func" too, and "pkg.Class.method" names "Class.method";
    # but "Class.method" does not name every other class's "method"
    for index in range(len(parts) - 1):
        mentions.add(".".join(parts[index:]), tier)
    after_class = len(parts) > 1 and parts[-2][:1].isupper()
    mentions.add(parts[-1], WEAK if after_class else tier)


def spec_mentions(text: str) -> Mentions:
    mentions = Mentions()
    for match in FENCED.finditer(text):
        for word in IDENTIFIER.findall(match.group(2)):
            _add_identifier(mentions, word, STRONG)
    for match in CODE_SPAN.finditer(text):
        for word in IDENTIFIER.findall(match.group(1)):
            _add_identifier(mentions, word, STRONG)
    for match in IDENTIFIER.finditer(text):
        word = match.group(0)
        followed_by_call = text[match.end() : match.end() + 1] == "("
        tier = STRONG if followed_by_call or _is_code_like(word) else WEAK
        _add_identifier(mentions, word, tier)
    return mentions


def acceptance_test_files(accept: tuple[str, ...] | list[str], repo_root: Path) -> list[tuple[str, tuple[str, ...]]]:
    """(test file, selected test names) for each existing `.py` file an acceptance command names."""
    found: dict[str, list[str]] = {}
    for command in accept:
        try:
            words = shlex.split(command)
        except ValueError:
            words = command.split()
        for word in words:
            path, _, selector = word.partition("::")
            if not path.endswith(".py") or path.startswith("-"):
                continue
            path = path[2:] if path.startswith("./") else path
            if not (repo_root / path).is_file():
                continue
            selected = found.setdefault(path, [])
            if selector:
                selected.append(selector.split("::")[0].split("[")[0])
    return [(path, tuple(names)) for path, names in sorted(found.items())]


def test_file_mentions(repo_root: Path, test_files: list[tuple[str, tuple[str, ...]]], mentions: Mentions) -> None:
    """Add the names the selected tests use (all tests of a file when none is selected), tier TEST."""
    for path, selected in test_files:
        file = repo_root / path
        try:
            if file.stat().st_size > MAX_TEST_FILE_BYTES:
                continue
            tree = ast.parse(file.read_bytes())
        except (OSError, SyntaxError, ValueError):
            continue
        nodes: list[ast.AST] = [tree]
        if selected:
            chosen = [node for node in tree.body if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name in selected]
            # the module's imports say where the tested names come from
            nodes = chosen + [node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))] if chosen else [tree]
        for root in nodes:
            for node in ast.walk(root):
                if isinstance(node, ast.Name):
                    mentions.add(node.id, TEST)
                elif isinstance(node, ast.Attribute):
                    mentions.add(node.attr, TEST)
                elif isinstance(node, ast.ImportFrom):
                    for alias in node.names:
                        mentions.add(alias.name, TEST)


LOCATION_PATTERNS = [
    re.compile(r'File "(?P<path>[^"]+)", line (?P<line>\d+)'),
    re.compile(r"(?P<path>[\w./\\-]+\.\w+):(?P<line>\d+)(?::\d+)?"),
]


def failure_locations(text: str, known_paths: list[str]) -> list[tuple[str, int]]:
    """(repo path, line) for each location in the output that points into one of known_paths."""
    found: list[tuple[str, int]] = []
    for pattern in LOCATION_PATTERNS:
        for match in pattern.finditer(text):
            raw = match.group("path").replace("\\", "/")
            for path in known_paths:
                if raw == path or raw.endswith("/" + path):
                    item = (path, int(match.group("line")))
                    if item not in found:
                        found.append(item)
                    break
    return found
