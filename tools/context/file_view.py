"""How one file is shown to the model: whole, or partially (imports, chosen definitions in full, the
signatures of their neighbours, everything else elided behind comment markers)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from interns.tools.symbols import Symbol, language_of
from interns.tools.symbols.lines import split_lines, strip_ending

LANGUAGE_TAGS = {".py": "python", ".pyi": "python", ".js": "javascript", ".jsx": "jsx", ".ts": "typescript", ".tsx": "tsx",
                 ".go": "go", ".rs": "rust", ".java": "java", ".c": "c", ".h": "c", ".cpp": "cpp", ".cc": "cpp", ".hpp": "cpp",
                 ".cs": "csharp", ".kt": "kotlin", ".swift": "swift", ".php": "php", ".md": "markdown", ".toml": "toml",
                 ".yml": "yaml", ".yaml": "yaml", ".json": "json", ".sh": "bash", ".cfg": "ini", ".ini": "ini", ".txt": "text"}
CLASS_BODY_LINES_KEPT = 12
MAX_SIGNATURE_DECORATORS = 2


def language_tag(path: str) -> str:
    return LANGUAGE_TAGS.get(PurePosixPath(path).suffix.lower(), "")


def fenced(path: str, body: str) -> str:
    """A fenced block longer than any backtick run inside it."""
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language_tag(path)}\n{body}\n{fence}"


def comment_prefix(path: str) -> str:
    return "#" if language_of(path) in ("python", None) else "//"


@dataclass(frozen=True)
class View:
    text: str  # the rendered section, ending with a newline
    shown_lines: int
    total_lines: int
    report: str  # "whole" | "symbols: a, b (120 of 5000 lines)" | ...
    whole_names: tuple[str, ...] = ()  # definitions shown in full ("*" for the whole file)


def whole_view(path: str, text: str, role: str) -> View:
    lines = [strip_ending(line) for line in split_lines(text)]
    body = "\n".join(lines)
    section = f"### {path} ({role}; whole file)\n{fenced(path, body)}\n"
    return View(section, len(lines), len(lines), "whole", ("*",))


def head_view(path: str, text: str, role: str, keep_lines: int) -> View:
    """The first lines of a large non-source file (no symbols to choose from)."""
    lines = [strip_ending(line) for line in split_lines(text)]
    shown = lines[:keep_lines]
    body = "\n".join(shown + [f"... ({len(lines) - len(shown)} more lines not shown)"])
    section = f"### {path} ({role}; PARTIAL VIEW: first {len(shown)} of {len(lines)} lines)\n{fenced(path, body)}\n"
    return View(section, len(shown), len(lines), f"head ({len(shown)} of {len(lines)} lines)")


def new_file_view(path: str) -> View:
    return View(f"### {path} (may change; does not exist yet: create it)\n", 0, 0, "new file")


class SymbolTree:
    """The definitions of one file nested by line ranges (a Go method outside its type stays top-level)."""

    def __init__(self, symbols: list[Symbol]) -> None:
        self.symbols = symbols
        self.roots: list[int] = []
        self.children: dict[int, list[int]] = {index: [] for index in range(len(symbols))}
        self.parent_of: dict[int, int] = {}
        stack: list[int] = []
        for index, symbol in enumerate(symbols):
            while stack and symbols[stack[-1]].end_line < symbol.def_line:
                stack.pop()
            if stack:
                self.children[stack[-1]].append(index)
                self.parent_of[index] = stack[-1]
            else:
                self.roots.append(index)
            stack.append(index)

    def ancestors(self, index: int) -> set[int]:
        found: set[int] = set()
        while index in self.parent_of:
            index = self.parent_of[index]
            found.add(index)
        return found


def partial_view(
    path: str,
    text: str,
    tree: SymbolTree,
    imports: list[tuple[int, int]],
    whole: set[int],
    radius: int,
    role: str,
    outline: bool = False,
    pinned: list[tuple[int, int]] | None = None,
) -> View:
    """Imports, the `whole` definitions verbatim, their enclosing headers, the signatures of up to
    `radius` neighbours on each side; with `outline`, every top-level signature; `pinned` line ranges
    (module constants the task names) after the imports. The rest is elided."""
    lines = [strip_ending(line) for line in split_lines(text)]
    comment = comment_prefix(path)
    is_python = language_of(path) == "python"
    open_ones: set[int] = set()
    for index in whole:
        open_ones |= tree.ancestors(index)
    out: list[str] = []
    for ranges in (imports, pinned or []):
        seen: set[int] = set()
        block = []
        for start, end in sorted(ranges):
            for number in range(start, end + 1):
                if number not in seen:
                    seen.add(number)
                    block.append(lines[number - 1])
        if block:
            out.extend(block + [""])

    def render(siblings: list[int], parent_indent: str | None) -> None:
        anchors = [position for position, index in enumerate(siblings) if index in whole or index in open_ones]
        states: list[str] = []
        for position, index in enumerate(siblings):
            if index in whole:
                states.append("whole")
            elif index in open_ones:
                states.append("open")
            elif (outline and parent_indent is None) or any(abs(position - anchor) <= radius for anchor in anchors):
                states.append("signature")
            else:
                states.append("elided")
        position = 0
        while position < len(siblings):
            index = siblings[position]
            symbol = tree.symbols[index]
            state = states[position]
            if state == "elided":
                run_end = position
                while run_end + 1 < len(siblings) and states[run_end + 1] == "elided":
                    run_end += 1
                first, last = tree.symbols[siblings[position]], tree.symbols[siblings[run_end]]
                count = run_end - position + 1
                noun = "definition" if count == 1 else "definitions"
                out.append(f"{symbol.indent}{comment} ... {count} {noun} not shown (lines {first.start_line}-{last.end_line})")
                position = run_end + 1
                continue
            if state in ("whole", "open") and out and out[-1] != "":
                out.append("")
            if state == "whole":
                out.extend(lines[symbol.start_line - 1 : symbol.end_line])
            elif state == "open":
                out.extend(lines[symbol.decorator_line - 1 : symbol.header_end_line])
                out.extend(_class_level_lines(lines, tree, index, comment, is_python))
                render(tree.children[index], symbol.indent)
                if not is_python and symbol.end_line > symbol.header_end_line:
                    out.append(lines[symbol.end_line - 1])
            else:
                # short decorators say what a signature is (@property, @classmethod, @app.route(...))
                if 0 < symbol.def_line - symbol.decorator_line <= MAX_SIGNATURE_DECORATORS:
                    out.extend(lines[symbol.decorator_line - 1 : symbol.def_line - 1])
                out.append(f"{symbol.indent}{symbol.signature}")
            if state in ("whole", "open") and position + 1 < len(siblings):
                out.append("")
            position += 1

    render(tree.roots, None)
    while out and out[-1] == "":
        out.pop()
    names = [tree.symbols[index].name for index in sorted(whole)]
    body = "\n".join(out)
    if whole:
        what = f"PARTIAL VIEW: {len(out)} of {len(lines)} lines: imports, {', '.join(names)} in full, neighbours as signatures; `{comment} ...` lines stand for code not shown"
        report = f"symbols: {', '.join(names)} ({len(out)} of {len(lines)} lines)"
    else:
        what = f"PARTIAL VIEW: {len(out)} of {len(lines)} lines: imports and signatures only"
        report = f"signatures ({len(out)} of {len(lines)} lines)"
    if role == "may change":
        what += "; change it with symbol edits (path::name), never by rewriting the whole file"
    section = f"### {path} ({role}; {what})\n{fenced(path, body)}\n"
    return View(section, len(out), len(lines), report, tuple(names))


def _class_level_lines(lines: list[str], tree: SymbolTree, index: int, comment: str, is_python: bool) -> list[str]:
    """An open class's own statements (fields, class attributes), outside its methods; a few at most."""
    symbol = tree.symbols[index]
    covered: set[int] = set()
    for child in tree.children[index]:
        child_symbol = tree.symbols[child]
        covered.update(range(child_symbol.start_line, child_symbol.end_line + 1))
    last_body_line = symbol.end_line if is_python else symbol.end_line - 1  # not the closing brace
    kept: list[str] = []
    total = 0
    for number in range(symbol.header_end_line + 1, last_body_line + 1):
        if number in covered or not lines[number - 1].strip():
            continue
        total += 1
        if len(kept) < CLASS_BODY_LINES_KEPT:
            kept.append(lines[number - 1])
    if total > len(kept):
        indent = re.match(r"\s*", kept[-1]).group(0) if kept else symbol.indent + "    "
        kept.append(f"{indent}{comment} ... {total - len(kept)} more lines")
    return kept

