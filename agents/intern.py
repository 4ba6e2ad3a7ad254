"""One intern: works a task in its own worktree until the acceptance commands pass or the budget ends.

Each attempt asks the model for edits (best-of-N samples, asked at once so a local server batches
them and reads their shared prompt once), applies each in turn to a clean worktree and runs the
acceptance commands in the task's sandbox; the first sample that passes is committed on the task's
branch. A failing run's output goes back to the model for the next attempt. Malformed
answers are re-asked with the parse error, and a model that keeps repeating a failed edit is
stopped early instead of burning the budget.
"""

from __future__ import annotations

import contextvars
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import git

from interns.agents.acceptance import run_acceptance
from interns.agents.token_counter import token_counter
from interns.agents.model_client import PromptTooLongError
from interns.agents.outcome import TaskOutcome, TaskStatus
from interns.agents.prompts import editable_files, failure_feedback, feedback_messages, malformed_feedback, task_messages
from interns.agents.run_context import RunContext
from interns.sandbox.protocol import Sandbox, SandboxRequest
from interns.specs import Task
from interns.tools.edits import MalformedAnswer, check_scope, parse_answer
from interns.tools.context import failure_output_for
from interns.tools.edits.apply import OutOfScopeError, check_partial_files, plan_edits, write_contents
from interns.tools.symbols import splice_symbol
from interns.tools.edits.model import edits_fingerprint
from interns.tools.edits.paths import resolve_edit_paths
from interns.tools.git_repo import task_branch

REPEATS_BEFORE_STOP = 2  # consecutive answers that repeat a failed edit
MAX_DIFF_CHARS = 20_000


def commit_trailers(run_id: str, task: Task, base: str) -> str:
    return f"Interns-Run: {run_id}\nInterns-Task: {task.id}\nInterns-Base: {base}"


class _Stop(Exception):
    def __init__(self, status: TaskStatus, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass
class _Progress:
    outcome: TaskOutcome
    started: float
    seen: dict[str, str] = field(default_factory=dict)  # fingerprint -> feedback it earned
    repeats_in_row: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)  # samples are asked from several threads

    def update(self, add: dict[str, int | float], **fields: str | None) -> None:
        """Atomically add to the outcome's counters (`add`) and set its other fields."""
        with self.lock:
            out = self.outcome
            self.outcome = out.model_copy(update={**{name: getattr(out, name) + value for name, value in add.items()}, **fields})


class Intern:
    def __init__(self, context: RunContext, task: Task) -> None:
        self.context = context
        self.task = task
        self.model = context.overrides.model or task.model or context.config.models.intern
        self.best_of = context.overrides.best_of or task.best_of
        self.attempts = context.overrides.attempts or task.budget.attempts
        self.partial_files: tuple[str, ...] = ()  # files the model saw only in part
        self.editable_files: list[str] = []  # existing files in scope, and plain paths it may create

    # -- the whole task ----------------------------------------------------------------------
    def run(self, base: str, carry: TaskOutcome | None = None) -> TaskOutcome:
        context, task = self.context, self.task
        branch = task_branch(context.run_id, task.id)
        rounds = (carry.rounds if carry else 0) + 1
        outcome = TaskOutcome(id=task.id, branch=branch, base_commit=base, rounds=rounds, carry_feedback=carry.carry_feedback if carry else None)
        done = self._already_committed(branch, base)
        if done:  # a resumed run: this round finished before the process died
            return outcome.model_copy(update={"status": TaskStatus.VALIDATED, "commit": done, "reason": None})
        worktree = context.worktree_for(task.id)
        context.emit({"event": "task_started", "task": task.id, "round": rounds, "base": base})
        progress = _Progress(outcome, time.monotonic())
        sandbox: Sandbox | None = None
        try:
            context.repo.add_worktree(worktree, branch, base, reset=True)
            sandbox = context.sandbox.start(
                SandboxRequest(worktree=worktree, run_id=context.run_id, task_id=task.id, limits=context.limits, setup=tuple(context.config.sandbox.setup) + task.setup, image=context.config.sandbox.image)
            )
            result = self._attempts(progress, worktree, sandbox, base)
        except _Stop as stop:
            result = progress.outcome.model_copy(update={"status": stop.status, "reason": stop.reason})
        except PromptTooLongError as error:
            result = progress.outcome.model_copy(update={"status": TaskStatus.FAILED, "reason": "prompt too long", "failing_output": str(error)})
        finally:
            if sandbox is not None:
                sandbox.stop()
            context.repo.remove_worktree(worktree)
        result = result.model_copy(update={"seconds": time.monotonic() - progress.started})
        context.emit({"event": "task_finished", "task": task.id, "status": result.status.value, "reason": result.reason, "attempts": result.attempts, "tokens": result.tokens})
        return result

    def _already_committed(self, branch: str, base: str) -> str | None:
        repo = self.context.repo
        tip = repo.commit_of(f"refs/heads/{branch}")
        if tip is None or tip == base:
            return None
        message = repo.repo.commit(tip).message
        trailers = commit_trailers(self.context.run_id, self.task, base)
        return tip if trailers in message else None

    # -- attempts ----------------------------------------------------------------------------
    def _attempts(self, progress: _Progress, worktree: Path, sandbox: Sandbox, base: str) -> TaskOutcome:
        task, config = self.task, self.context.config
        prefix, context = task_messages(task, worktree, token_counter(self.model), config.models.prompt_tokens, config.context)
        self.partial_files = context.partial_files
        self.editable_files = editable_files(task, worktree)
        progress.outcome = progress.outcome.model_copy(update={"context": context.files, "prefix_tokens": context.prefix_tokens})
        self.context.emit({"event": "context", "task": task.id, "prompt_tokens": context.prefix_tokens, "files": context.files})
        tail: list[dict[str, str]] = []
        if progress.outcome.carry_feedback:
            tail = [{"role": "user", "content": progress.outcome.carry_feedback}]
        for attempt in range(1, self.attempts + 1):
            self._check_budget(progress)
            progress.outcome = progress.outcome.model_copy(update={"attempts": attempt})
            self.context.emit({"event": "attempt", "task": task.id, "attempt": attempt})
            next_tail: list[dict[str, str]] | None = None
            repeated = fresh = 0
            self.context.repo.reset_worktree(worktree, base)  # the samples' edits are planned on the base
            answers = self._ask_samples(progress, worktree, prefix + tail, attempt)
            for sample, (answer, edits, contents) in enumerate(answers, start=1):
                self.context.repo.reset_worktree(worktree, base)  # every sample starts from the base
                if edits is None:
                    next_tail = next_tail or feedback_messages(answer, malformed_feedback(progress.outcome.failing_output or "malformed"))
                    continue
                fingerprint = edits_fingerprint(edits)
                if fingerprint in progress.seen:
                    repeated += 1
                    feedback = "You gave the same change again, and it still fails.\n" + progress.seen[fingerprint]
                    next_tail = next_tail or feedback_messages(answer, feedback)
                    continue
                fresh += 1
                write_contents(worktree, contents)
                self.context.emit({"event": "validating", "task": task.id, "attempt": attempt, "sample": sample})
                result = run_acceptance(sandbox, task.accept, config.sandbox.command_timeout_s)
                diff = self._diff(worktree)
                if result.passed:
                    commit = self.context.repo.commit_scope(worktree, task.files, self._commit_message(base))
                    if commit is None:
                        # the acceptance already passed without any change in scope
                        feedback = "Your answer changed nothing in the files you may change; the task needs a change."
                        progress.seen[fingerprint] = feedback
                        next_tail = next_tail or feedback_messages(answer, feedback)
                        continue
                    self.context.emit({"event": "validated", "task": task.id, "attempt": attempt, "commit": commit})
                    return progress.outcome.model_copy(update={"status": TaskStatus.VALIDATED, "commit": commit, "diff": diff, "failing_output": None, "reason": None})
                output = failure_output_for(config.context)(result.output, config.feedback_chars)
                feedback = failure_feedback(result.command or "", result.exit_code, output)
                progress.seen[fingerprint] = feedback
                progress.outcome = progress.outcome.model_copy(update={"failing_output": f"$ {result.command}\n{output}", "diff": diff, "reason": "validation failed"})
                self.context.emit({"event": "acceptance_failed", "task": task.id, "attempt": attempt, "command": result.command, "exit_code": result.exit_code, "output": output})
                next_tail = next_tail or feedback_messages(answer, feedback)
            # an attempt whose every usable answer repeats a failed edit: the model is stuck
            progress.repeats_in_row = progress.repeats_in_row + 1 if repeated and not fresh else 0
            if progress.repeats_in_row >= REPEATS_BEFORE_STOP:
                raise _Stop(TaskStatus.FAILED, "repeating")
            tail = next_tail or tail
        reason = progress.outcome.reason
        if reason in ("malformed", "out_of_scope", None):
            raise _Stop(TaskStatus.FAILED, reason or "malformed")
        raise _Stop(TaskStatus.BUDGET_EXHAUSTED, "budget:attempts")

    def _ask_samples(self, progress: _Progress, worktree: Path, messages: list[dict[str, str]], attempt: int) -> list[tuple[str, list | None, dict[str, str]]]:
        """The attempt's best-of-N answers, in sample order. Asked at once: a local server batches them
        and computes their common prompt once, a remote one answers them in parallel. Replaying a
        cassette asks them in order, since a hand-written cassette's entries answer in turn."""
        if self.best_of == 1 or self.context.models.replay_path:
            return [self._ask(progress, worktree, messages, attempt, sample) for sample in range(1, self.best_of + 1)]
        with ThreadPoolExecutor(max_workers=self.best_of, thread_name_prefix=f"intern-{self.task.id}") as pool:
            # each thread runs in a copy of this context: LangGraph's stream writer and config live in context variables
            futures = [pool.submit(contextvars.copy_context().run, self._ask, progress, worktree, messages, attempt, sample) for sample in range(1, self.best_of + 1)]
            return [future.result() for future in futures]  # re-raises a sample's stop (budget, cancel)

    def _ask(self, progress: _Progress, worktree: Path, messages: list[dict[str, str]], attempt: int, sample: int) -> tuple[str, list | None, dict[str, str]]:
        """One answer turned into edits and the files they produce, re-asking (bounded) while it is
        malformed: unparsable, outside the scope, or not applicable to the files."""
        task, config = self.task, self.context.config
        # the first sample is greedy, unless the model just repeated a failed answer: greedy again, fed
        # the same feedback, it tends to give that answer once more
        temperature = 0.0 if sample == 1 and not progress.repeats_in_row else config.models.temperature
        single_file = task.files[0] if len(task.files) == 1 and not any(ch in task.files[0] for ch in "*?[") else None
        answer = ""
        for parse_try in range(config.max_parse_retries + 1):
            self._check_budget(progress)
            # a greedy model re-asked about its own malformed answer tends to repeat it: vary the re-asks
            reply = self.context.models.complete(
                self.model, messages, temperature=temperature if parse_try == 0 else max(temperature, config.models.temperature), max_tokens=config.models.max_tokens,
                seed=attempt * 1000 + sample * 10 + parse_try, meta={"run": self.context.run_id, "task": task.id, "attempt": attempt, "sample": sample, "parse_try": parse_try},
                on_text=lambda text: self.context.emit({"event": "token", "task": task.id, "attempt": attempt, "sample": sample, "text": text}),
            )
            answer = reply.text
            progress.update(add={"answers": 1, "prompt_tokens": reply.prompt_tokens, "completion_tokens": reply.completion_tokens, "cost": reply.cost})
            self.context.emit({"event": "answer", "task": task.id, "attempt": attempt, "sample": sample, "text": answer, "prompt_tokens": reply.prompt_tokens, "completion_tokens": reply.completion_tokens, "seconds": reply.seconds})
            try:
                edits = resolve_edit_paths(parse_answer(answer, default_path=single_file), task.files, self.editable_files)
                check_scope(edits, task.files)
                check_partial_files(edits, self.partial_files)
                return answer, edits, plan_edits(worktree, edits, splice_symbol=splice_symbol)
            except MalformedAnswer as error:
                progress.update(add={"malformed_answers": 1}, failing_output=str(error), reason="out_of_scope" if isinstance(error, OutOfScopeError) else "malformed")
                self.context.emit({"event": "malformed", "task": task.id, "attempt": attempt, "error": str(error)})
                messages = messages + feedback_messages(answer, malformed_feedback(str(error)))
        return answer, None, {}

    def _check_budget(self, progress: _Progress) -> None:
        if self.context.cancellation.is_cancelled(self.task.id):
            raise _Stop(TaskStatus.CANCELLED, "cancelled")
        budget = self.task.budget
        if progress.outcome.tokens >= budget.tokens:
            raise _Stop(TaskStatus.BUDGET_EXHAUSTED, "budget:tokens")
        if time.monotonic() - progress.started >= budget.seconds:
            raise _Stop(TaskStatus.BUDGET_EXHAUSTED, "budget:seconds")

    def _commit_message(self, base: str) -> str:
        return f"{self.task.title}\n\nSpec: {self.task.source}\n\n{commit_trailers(self.context.run_id, self.task, base)}\n"

    def _diff(self, worktree: Path) -> str:
        """The attempt's change inside the task's scope, for people to read."""
        try:
            repo = git.Repo(worktree)
            repo.git.add("--all", "--intent-to-add", "--", ".")
            text = repo.git.diff("HEAD", "--", *[f":(glob){glob}" for glob in self.task.files])
            repo.git.reset("-q")
        except git.GitCommandError as error:  # never fail a task over a diff meant for display
            return f"(no diff: {error})"
        return text[:MAX_DIFF_CHARS]
