"""What an intern says to its model: the edit protocol, the repo's conventions, the task, the files.

The messages are built so that every attempt of a task shares the same prefix (system + task +
files) and only the feedback at the end changes: the local server's prefix cache then skips
re-reading the task on every retry.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from interns.agents.prompt_templates import templates
from interns.globs import expand, is_pattern, repo_files
from interns.tools.safe_paths import is_real_file_inside
from interns.specs import Task
from interns.tools.context import ContextResult, build_context, build_whole_files_context
from interns.tools.context.relevance import STRONG, spec_mentions
from interns.tools.symbols import Symbol, functions_of

CONVENTION_FILES = ("AGENTS.md", "CONVENTIONS.md")
MAX_NAMED_FUNCTIONS = 2  # beyond that, the whole file is the clearer thing to ask for


def read_conventions(worktree: Path) -> str:
    """The repository's own instructions for agents, when it has them."""
    parts = []
    for name in CONVENTION_FILES:
        path = worktree / name
        if is_real_file_inside(worktree, name):  # not through a committed symlink
            parts.append(f"## {name}\n{path.read_text(encoding='utf-8', errors='replace').strip()}")
    return "\n\n".join(parts)


def editable_files(task: Task, worktree: Path) -> list[str]:
    """Existing files the task may change, then the plain paths it may create."""
    existing = expand(list(task.files), repo_files(worktree))
    return existing + [glob for glob in task.files if not is_pattern(glob) and glob not in existing]


def named_functions(task: Task, worktree: Path, path: str) -> list[Symbol]:
    """The functions or methods of the Python file `path` that the spec names like code (`name`,
    name(), snake_case ...), in file order; none when it names more than a couple."""
    file = worktree / path
    if not path.endswith(".py") or not is_real_file_inside(worktree, path):
        return []
    mentions = spec_mentions(f"{task.title}\n{task.description}")
    source = file.read_text(encoding="utf-8", errors="replace")
    named = [symbol for symbol in functions_of(source, path) if mentions.score(symbol) >= STRONG]
    return named if len(named) <= MAX_NAMED_FUNCTIONS else []


def answer_form(task: Task, worktree: Path, partial_files: tuple[str, ...]) -> str:
    """The closing instruction, with the task's real file in the example: small models copy
    placeholders such as `path/to/file.py` literally. When the task is about a function the spec names
    in its one file, the model is asked for just that function (a symbol edit): a small model asked for
    the whole file tends to copy it back unchanged."""
    parts = templates()["edit_blocks"]
    files = editable_files(task, worktree)
    target = next((path for path in files if path not in partial_files), None)
    if target is None:
        return parts["partial_only"]
    named = named_functions(task, worktree, target) if len(files) == 1 else []
    if named:
        first = named[0]
        # the real signature: a small model copies a placeholder such as `(...)` literally
        stub = first.signature.removesuffix("...").rstrip()
        names = " and ".join(f"`{symbol.name}`" for symbol in named)
        return parts["named"].format(names=names, no_copy=parts["no_copy"], target=target, name=first.name, stub=stub)
    language = {".py": "python", ".js": "javascript", ".ts": "typescript", ".rs": "rust", ".go": "go"}.get(Path(target).suffix, "")
    return parts["whole"].format(no_copy=parts["no_copy"], target=target, language=language)


def task_messages(
    task: Task, worktree: Path, count_tokens: Callable[[str], int], budget_tokens: int, mode: str = "focused"
) -> tuple[list[dict[str, str]], ContextResult]:
    """The shared prefix of every attempt: system (protocol + conventions) and the task's context.

    Built once per task round on the clean worktree, so every attempt sends the same bytes first.
    `mode` is the config's `context`: "focused" (the default) or "whole" (the naive baseline).
    """
    conventions = read_conventions(worktree)
    builder = build_whole_files_context if mode == "whole" else build_context
    context = builder(task, worktree, count_tokens, budget_tokens)
    system = templates()["edit_blocks"]["system"]
    if context.partial_files:
        system += "\n\n" + templates()["edit_blocks"]["symbol_protocol"]
    if conventions:
        system += templates()["edit_blocks"]["conventions"].format(conventions=conventions)
    user = context.prefix.rstrip("\n") + "\n\n" + answer_form(task, worktree, context.partial_files)
    return [{"role": "system", "content": system}, {"role": "user", "content": user}], context


def feedback_messages(previous_answer: str, feedback: str) -> list[dict[str, str]]:
    """The attempt-specific tail: what the model said last time and why it was not good enough."""
    return [{"role": "assistant", "content": previous_answer}, {"role": "user", "content": feedback}]


def failure_feedback(command: str, exit_code: int, output: str) -> str:
    """What the model hears after a failed attempt; `output` is already trimmed to what matters."""
    return templates()["edit_blocks"]["failure"].format(command=command, exit_code=exit_code, output=output.strip())


def malformed_feedback(error: str) -> str:
    return templates()["edit_blocks"]["malformed"].format(error=error)
