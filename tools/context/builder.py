"""The context an intern's model sees for one task, within a token budget.

Layout (the part before the feedback depends only on the task and the repository, so every attempt
of a task shares a byte-identical prefix and the server's prefix cache hits):

    # Task ...            the spec: title, description, files it may change, acceptance commands
    ## Files              each in-scope file: whole when it fits, else a partial view
    ## Repository map     the other source files with their top-level definitions, as room allows
    ## The previous attempt failed   (only with feedback) the trimmed output + code it points at
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from interns.globs import is_pattern, matches_any
from interns.specs import Task
from interns.tools.context.failure_output import trim_failure_output
from interns.tools.context.file_view import SymbolTree, View, fenced, head_view, new_file_view, partial_view, whole_view
from interns.tools.context.relevance import Mentions, acceptance_test_files, failure_locations, spec_mentions, test_file_mentions
from interns.tools.context.repo_map import map_line, proximity_order
from interns.tools.context.source_files import is_source, list_repo_files, read_text, symbols_of
from interns.tools.safe_paths import is_real_file_inside
from interns.tools.symbols import import_ranges, module_constants
from interns.tools.symbols.lines import split_lines, strip_ending

MAP_SHARE = 0.10  # room kept for the repository map when the files would take everything
FEEDBACK_SHARE = 0.25  # room reserved for the feedback, on every attempt (so the prefix never moves)
MAX_WHOLE_SYMBOLS = 8
MAX_PINNED_LINES = 15  # a module constant the task names is shown when it is this short
HEAD_LINES = (200, 80, 30)
MIN_FEEDBACK_CHARS = 300
MAX_CHARS_PER_TOKEN = 32  # no tokenizer packs more characters than this into a token on average

EDITABLE, READABLE, ACCEPTANCE = "may change", "read only", "read only: acceptance test"


@dataclass(frozen=True)
class ContextResult:
    text: str  # prefix + feedback: the whole context to put in the prompt
    prefix: str  # identical for every attempt of the task (on the same repository state)
    feedback: str  # the attempt-specific tail ("" without feedback)
    prompt_tokens: int  # count_tokens(text)
    prefix_tokens: int
    budget_tokens: int
    files: dict[str, str]  # in-scope path -> "whole" | "symbols: a, b (120 of 5000 lines)" | "map only" | ...
    partial_files: tuple[str, ...]  # files it may change that it did not see whole: no whole-file edits there
    map_files: int  # other files listed in the repository map

    @property
    def over_budget(self) -> bool:
        return self.prompt_tokens > self.budget_tokens


@dataclass
class _InScope:
    path: str
    role: str
    text: str | None  # None: binary or missing
    exists: bool


def build_context(
    task: Task,
    repo_root: Path,
    count_tokens: Callable[[str], int],
    budget_tokens: int,
    feedback: str | None = None,
    *,
    feedback_tokens: int | None = None,
) -> ContextResult:
    """What the model sees for `task`, at most about `budget_tokens` tokens (by `count_tokens`).

    `feedback_tokens` (default a quarter of the budget) is reserved on every attempt, with or without
    feedback, so the prefix does not depend on the feedback.
    """
    root = Path(repo_root)
    reserve = budget_tokens // 4 if feedback_tokens is None else max(0, feedback_tokens)
    all_files = list_repo_files(root)
    in_scope = _in_scope_files(task, root, all_files)
    mentions = spec_mentions(f"{task.title}\n{task.description}")
    test_file_mentions(root, acceptance_test_files(task.accept, root), mentions)

    header = _render_header(task)
    header_tokens = count_tokens(header)
    map_floor = int(budget_tokens * MAP_SHARE) if any(is_source(path) for path in all_files) else 0
    files_room = budget_tokens - header_tokens - reserve - map_floor
    report: dict[str, str] = {}
    sections: list[str] = []
    whole_symbols: dict[str, set[str]] = {}
    used = 0
    for item in _priority_order(in_scope, root, mentions):
        view = _choose_view(item, root, mentions, count_tokens, files_room - used)
        if view is None:
            report[item.path] = "skipped (binary)" if item.text is None else "map only"
            continue
        sections.append(view.text)
        used += count_tokens(view.text)
        report[item.path] = view.report
        whole_symbols[item.path] = set(view.whole_names)

    shown = {item.path for item in in_scope if report[item.path] != "map only"}
    map_only = [item for item in in_scope if report[item.path] == "map only"]
    candidates = _map_candidates(all_files, in_scope, shown, map_only)
    map_room = budget_tokens - header_tokens - reserve - used
    map_lines, unlisted = _repo_map(root, candidates, count_tokens, map_room)
    prefix = _assemble_prefix(header, sections, map_lines, unlisted)
    # the pieces were counted apart; make the whole fit exactly (this depends on the prefix only)
    while map_lines and count_tokens(prefix) > budget_tokens - reserve:
        map_lines, unlisted = map_lines[:-1], unlisted + 1
        prefix = _assemble_prefix(header, sections, map_lines, unlisted)

    feedback_text = ""
    if feedback:
        feedback_text = _feedback_section(feedback, prefix, in_scope, root, whole_symbols, count_tokens, budget_tokens)
    text = prefix + feedback_text
    editable_partial = tuple(
        item.path for item in in_scope if item.role == EDITABLE and item.exists and report[item.path] != "whole"
    )
    return ContextResult(
        text=text,
        prefix=prefix,
        feedback=feedback_text,
        prompt_tokens=count_tokens(text),
        prefix_tokens=count_tokens(prefix),
        budget_tokens=budget_tokens,
        files=report,
        partial_files=editable_partial,
        map_files=len(map_lines) - min(len(map_only), len(map_lines)),
    )


def build_whole_files_context(task: Task, repo_root: Path, count_tokens: Callable[[str], int], budget_tokens: int) -> ContextResult:
    """The naive baseline `build_context` is measured against (`context = "whole"`): every file the task
    may change or read, whole, in path order; no symbol views, no repository map, no budget."""
    root = Path(repo_root)
    all_files = list_repo_files(root)
    in_scope = [item for item in _in_scope_files(task, root, all_files) if item.role != ACCEPTANCE]
    sections: list[str] = []
    files: dict[str, str] = {}
    for item in in_scope:
        if item.exists and item.text is None:
            files[item.path] = "skipped (binary)"
            continue
        view = whole_view(item.path, item.text, item.role) if item.text is not None else new_file_view(item.path)
        sections.append(view.text)
        files[item.path] = view.report
    prefix = _assemble_prefix(_render_header(task), sections, [], 0)
    tokens = count_tokens(prefix)
    return ContextResult(text=prefix, prefix=prefix, feedback="", prompt_tokens=tokens, prefix_tokens=tokens, budget_tokens=budget_tokens, files=files, partial_files=(), map_files=0)


# ---------------------------------------------------------------- what is in scope


def _in_scope_files(task: Task, root: Path, all_files: list[str]) -> list[_InScope]:
    items: dict[str, _InScope] = {}

    def add(path: str, role: str) -> None:
        if path in items:
            return
        file = root / path
        exists = is_real_file_inside(root, path)  # never read through a committed symlink into the prompt
        items[path] = _InScope(path, role, read_text(file) if exists else None, exists)

    for path in all_files:
        if matches_any(path, task.files):
            add(path, EDITABLE)
    for glob in task.files:  # a plain path may name a file to create (or one the walk skipped)
        path = glob.strip()
        path = path[2:] if path.startswith("./") else path
        if not is_pattern(path) and not (root / path).is_dir():
            add(path, EDITABLE)
    for path in all_files:
        if task.context and matches_any(path, task.context):
            add(path, READABLE)
    for path, _selected in acceptance_test_files(task.accept, root):
        add(path, ACCEPTANCE)
    return list(items.values())


def _priority_order(in_scope: list[_InScope], root: Path, mentions: Mentions) -> list[_InScope]:
    """Files it may change (by path), then files it may read (most mentioned first), then the tests."""

    def mention_score(item: _InScope) -> int:
        if item.text is None or not is_source(item.path):
            return 0
        return sum(mentions.score(symbol) for symbol in symbols_of(root, item.path, item.text))

    rank = {EDITABLE: 0, READABLE: 1, ACCEPTANCE: 2}
    return sorted(in_scope, key=lambda item: (rank[item.role], -mention_score(item) if item.role == READABLE else 0, item.path))


# ---------------------------------------------------------------- one file


def _choose_view(item: _InScope, root: Path, mentions: Mentions, count_tokens: Callable[[str], int], room: int) -> View | None:
    """The most complete view of the file that fits in `room` tokens, or None (map only)."""
    if not item.exists:
        return new_file_view(item.path)
    if item.text is None:
        return None
    for view in _candidate_views(item, root, mentions):
        if len(view.text) > room * MAX_CHARS_PER_TOKEN:
            continue  # certainly too big: no need to tokenize a 5,000-line file
        if count_tokens(view.text) <= room:
            return view
    return None


def _candidate_views(item: _InScope, root: Path, mentions: Mentions) -> Iterator[View]:
    """From the most to the least complete."""
    text = item.text or ""
    yield whole_view(item.path, text, item.role)  # the caller skips it cheaply when clearly too big
    symbols = symbols_of(root, item.path, text) if is_source(item.path) else []
    if not symbols:
        total = len(split_lines(text))
        for keep in HEAD_LINES:
            if keep < total:
                yield head_view(item.path, text, item.role, keep)
        return
    tree = SymbolTree(symbols)
    imports = import_ranges(text, item.path)
    pinned = [(start, end) for name, start, end in module_constants(text, item.path) if mentions.name_tier(name) and end - start < MAX_PINNED_LINES]
    scored = sorted(
        ((mentions.score(symbol), index) for index, symbol in enumerate(symbols) if mentions.score(symbol) > 0),
        key=lambda pair: (-pair[0], symbols[pair[1]].start_line),
    )
    relevant: list[int] = []
    for _score, index in scored:
        # a definition inside one already shown whole is shown with it
        if not any(ancestor in relevant for ancestor in tree.ancestors(index)):
            relevant = [other for other in relevant if index not in tree.ancestors(other)] + [index]
        if len(relevant) >= MAX_WHOLE_SYMBOLS:
            break
    for count in _shrinking_counts(len(relevant)):
        for radius in (2, 1, 0):
            yield partial_view(item.path, text, tree, imports, set(relevant[:count]), radius, item.role, pinned=pinned)
    yield partial_view(item.path, text, tree, imports, set(), 0, item.role, outline=True, pinned=pinned)


def _shrinking_counts(count: int) -> list[int]:
    counts: list[int] = []
    while count >= 1:
        if count not in counts:
            counts.append(count)
        count = count // 2 if count > 1 else 0
    return counts


# ---------------------------------------------------------------- rendering


def _render_header(task: Task) -> str:
    lines = [f"# Task: {task.title}", "", task.description.strip(), ""]
    lines.append("Files you may change: " + ", ".join(task.files))
    if task.context:
        lines.append("Files you may read: " + ", ".join(task.context))
    lines.append("Done when these commands pass:")
    lines += [f"    {command}" for command in task.accept]
    return "\n".join(lines) + "\n"


def _assemble_prefix(header: str, sections: list[str], map_lines: list[str], unlisted: int) -> str:
    parts = [header]
    if sections:
        parts.append("\n## Files\n\n" + "\n".join(sections))
    if map_lines or unlisted:
        more = [f"... {unlisted} more files not listed"] if unlisted else []
        parts.append("\n## Repository map (other files: their top-level definitions)\n" + "\n".join(map_lines + more) + "\n")
    return "".join(parts)


def _map_candidates(all_files: list[str], in_scope: list[_InScope], shown: set[str], map_only: list[_InScope]) -> list[tuple[str, str]]:
    """(path, mark): in-scope files shown in no other way first, then other source files, near ones first."""
    in_scope_paths = {item.path for item in in_scope}
    candidates = [(item.path, item.role) for item in map_only]
    others = [path for path in all_files if is_source(path) and path not in in_scope_paths and path not in shown]
    return candidates + [(path, "") for path in proximity_order(others, [item.path for item in in_scope])]


def _repo_map(root: Path, candidates: list[tuple[str, str]], count_tokens: Callable[[str], int], room: int) -> tuple[list[str], int]:
    """The map lines that fit in `room` tokens, and how many candidates were left out."""
    lines: list[str] = []
    used = count_tokens("\n## Repository map (other files: their top-level definitions)\n") + 12  # + the "more" line
    for position, (path, mark) in enumerate(candidates):
        line = map_line(path, symbols_of(root, path) if is_source(path) else [], mark)
        cost = count_tokens(line + "\n")
        if used + cost > room:
            return lines, len(candidates) - position
        lines.append(line)
        used += cost
    return lines, 0


# ---------------------------------------------------------------- feedback


def _feedback_section(
    feedback: str,
    prefix: str,
    in_scope: list[_InScope],
    root: Path,
    whole_symbols: dict[str, set[str]],
    count_tokens: Callable[[str], int],
    budget_tokens: int,
) -> str:
    """The trimmed failure, then the in-scope definitions it points at that the prefix did not show.

    It takes the room the prefix left (at least the reserve); the failure itself is never dropped,
    only trimmed down to a few hundred characters.
    """
    room = max(0, budget_tokens - count_tokens(prefix))
    snippets = _failure_snippets(feedback, in_scope, root, whole_symbols)
    output_room = int(room * 0.7) if snippets else room
    max_chars = max(MIN_FEEDBACK_CHARS, output_room * 4)
    while True:
        trimmed = trim_failure_output(feedback, max_chars)
        section = "\n## The previous attempt failed\n" + fenced("output.txt", trimmed) + "\n"
        if count_tokens(section) <= output_room or max_chars <= MIN_FEEDBACK_CHARS:
            break
        max_chars = max(MIN_FEEDBACK_CHARS, int(max_chars * 0.75))
    used = count_tokens(section)
    added: list[str] = []
    for snippet in snippets:
        cost = count_tokens(snippet)
        if used + cost <= room:
            added.append(snippet)
            used += cost

    def render(chosen: list[str]) -> str:
        return section + ("\n### Code the failure points at\n" + "\n".join(chosen) if chosen else "")

    # counted in pieces: drop code until the whole prompt really fits
    while added and count_tokens(prefix + render(added)) > budget_tokens:
        added.pop()
    return render(added)


def _failure_snippets(feedback: str, in_scope: list[_InScope], root: Path, whole_symbols: dict[str, set[str]]) -> list[str]:
    """Innermost first: the definition around each failure location in an in-scope file, unless shown whole."""
    texts = {item.path: item.text for item in in_scope if item.text is not None and is_source(item.path)}
    snippets: list[str] = []
    seen: set[tuple[str, str]] = set()
    for path, line in reversed(failure_locations(feedback, sorted(texts))):
        if "*" in whole_symbols.get(path, set()):
            continue
        symbols = symbols_of(root, path, texts[path])
        around = [symbol for symbol in symbols if symbol.start_line <= line <= symbol.end_line]
        if not around:
            continue
        symbol = max(around, key=lambda s: s.start_line)  # the innermost
        if symbol.name in whole_symbols.get(path, set()) or (path, symbol.name) in seen:
            continue
        seen.add((path, symbol.name))
        lines = [strip_ending(text) for text in split_lines(texts[path])][symbol.start_line - 1 : symbol.end_line]
        snippets.append(f"{path}::{symbol.name} (lines {symbol.start_line}-{symbol.end_line})\n" + fenced(path, "\n".join(lines)) + "\n")
    return snippets

