"""The edit-block answer form: whole files, SEARCH/REPLACE or `path::name` blocks with real paths.

Used for tasks that are not inside one function (several files, a new parameter threaded through,
refactors). The prompt is the focused (or whole-file) context of `prompts.task_messages`; a failed
attempt's answer and its failure follow as a conversation, so every attempt shares the prefix.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from interns.agents.answer_form import Previous
from interns.agents.prompts import editable_files, feedback_messages, malformed_feedback, task_messages
from interns.specs import Task
from interns.tools.edits import MalformedAnswer, check_scope, parse_answer
from interns.tools.edits.apply import check_partial_files, plan_edits
from interns.tools.edits.paths import resolve_edit_paths
from interns.tools.symbols import splice_symbol


class EditBlockForm:
    name = "edit-blocks"
    prefill_text = None
    stop = None

    def __init__(self, task: Task, worktree: Path, count_tokens: Callable[[str], int], prompt_tokens: int, context_mode: str, carry_feedback: str | None = None) -> None:
        self.task = task
        self.worktree = worktree
        self.prefix, self.context = task_messages(task, worktree, count_tokens, prompt_tokens, context_mode)
        self.editable_files = editable_files(task, worktree)
        self.carry = [{"role": "user", "content": carry_feedback}] if carry_feedback else []
        files = task.files
        self.single_file = files[0] if len(files) == 1 and not any(ch in files[0] for ch in "*?[") else None

    def messages(self, previous: Previous | None) -> list[dict[str, str]]:
        if previous is None:
            return self.prefix + self.carry
        return self.prefix + feedback_messages(previous.answer, previous.feedback)

    def fresh_prompts(self, count: int) -> list[list[dict[str, str]]]:
        return [self.messages(None)] * count

    def reask(self, messages: list[dict[str, str]], answer: str, error: MalformedAnswer) -> list[dict[str, str]]:
        return messages + feedback_messages(answer, malformed_feedback(str(error)))

    def contents(self, answer: str) -> dict[str, str]:
        edits = resolve_edit_paths(parse_answer(answer, default_path=self.single_file), self.task.files, self.editable_files)
        check_scope(edits, self.task.files)
        check_partial_files(edits, self.context.partial_files)
        return plan_edits(self.worktree, edits, splice_symbol=splice_symbol)

    def candidate_code(self, answer: str) -> str:
        return answer

    def change_size(self, contents: dict[str, str]) -> int | None:
        return None  # new files, parameters, refactors: no reason to prefer a smaller change

    def doctest_command(self) -> str | None:
        return None

    @property
    def plain_due(self) -> bool:
        return False

    def greedy(self, messages: list[dict[str, str]]) -> bool:
        return False  # its prompts are all the intern's own

    def checks_target(self) -> None:
        return None  # several files: no one docstring says what is right
