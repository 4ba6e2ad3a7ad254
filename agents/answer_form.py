"""How an intern asks for a change and reads the answer: the protocol every answer form keeps.

Two forms exist (`models.answer_form`): `function` (the task lies inside one Python function: the
model continues the function's own header, see function_form.py) and `edit-blocks` (whole files,
SEARCH/REPLACE or `path::name` blocks with the task's real paths, see edit_block_form.py). `auto`
takes the function form when the task has one target function, else edit blocks.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from interns.tools.edits.checks import check_candidate
from interns.tools.edits.model import MalformedAnswer

if TYPE_CHECKING:
    from interns.agents.function_form import FunctionTarget

# Best-of-N samples are read in their own threads; parsing them (ast) at the same time failed in the
# test-split evaluation with SystemError "AST constructor recursion depth mismatch" (CPython 3.11),
# ending 5 of 32 best-of-8 tasks as internal errors. Reading an answer takes milliseconds: one at a time.
_PARSE_LOCK = threading.Lock()


@dataclass(frozen=True)
class Previous:
    """A failed candidate of the last attempt, told to the model in the next one."""

    answer: str  # the model's answer as given
    code: str  # what the candidate changed, for people and for the function form (its function)
    output: str  # the failing check's output, trimmed
    feedback: str  # the whole feedback sentence (command, exit code, output)


class AnswerForm(Protocol):
    name: str

    @property
    def prefill_text(self) -> str | None:
        """The start of the model's answer (assistant prefill), or None."""
        ...

    @property
    def stop(self) -> list[str] | None:
        """Where the model's answer is complete (no more text is of use), or None."""
        ...

    def messages(self, previous: Previous | None) -> list[dict[str, str]]:
        """The prompt of an attempt (without the prefill), after `previous` failed (None: fresh)."""
        ...

    def fresh_prompts(self, count: int) -> list[list[dict[str, str]]]:
        """The prompts of `count` samples asked afresh (no failure shown); a form may vary them."""
        ...

    @property
    def plain_due(self) -> bool:
        """Whether the next fresh prompts start with the raw baseline's prompt (asked before any repair)."""
        ...

    def greedy(self, messages: list[dict[str, str]]) -> bool:
        """Whether this prompt is answered greedily whatever the attempt: the raw baseline's own prompt,
        whose answer is the model's unaided one (any other prompt is greedy only as a tier's first)."""
        ...

    def reask(self, messages: list[dict[str, str]], answer: str, error: MalformedAnswer) -> list[dict[str, str]]:
        """The prompt after a malformed answer; always asked again with sampling, never greedily."""
        ...

    def contents(self, answer: str) -> dict[str, str]:
        """The new content of every file the answer changes; MalformedAnswer when it cannot be used."""
        ...

    def candidate_code(self, answer: str) -> str:
        """What the answer changed, as the model should see it again when it failed."""
        ...

    def change_size(self, contents: dict[str, str]) -> int | None:
        """How much a candidate changes (validated smallest first: a repair prefers the least change
        that passes), or None: candidates are validated in sample order."""
        ...

    def doctest_command(self) -> str | None:
        """A quick check to run before the acceptance commands (the target's docstring examples)."""
        ...

    def checks_target(self) -> FunctionTarget | None:
        """The function whose docstring checks rank the candidates that pass (docstring_checks.py), or None."""
        ...


def checked_contents(form: AnswerForm, answer: str, worktree: Path) -> dict[str, str]:
    """The edit pipeline in one call: the answer read in `form`, applied to the files it changes, and
    checked before anything runs (it changes something, it compiles). MalformedAnswer (its reason is
    for the model) when the answer cannot be used."""
    with _PARSE_LOCK:
        contents = form.contents(answer)
        check_candidate(worktree, contents)
    return contents
