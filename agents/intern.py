"""One intern: works a task in its own worktree until the acceptance commands pass or the budget ends.

Each attempt asks the model for candidates in the task's answer form (function_form.py for a task
inside one function: the model continues the function's own header; edit_block_form.py otherwise):
greedy first, then sampled ones, asked at once so a local server batches them and reads their shared
prompt once. Candidates are checked cheapest first: parse, then changed-and-compiles (both before any
sandbox run), then the target's docstring examples, then the spec's acceptance commands; the first
that passes everything is committed on the task's branch (a bug fix's smallest change first),
identical candidates run once. A failed candidate and its trimmed output go back to the model for the
next attempt, shown to one sample in four (the others are asked afresh: shown its failed code, a small
model writes it again); when every answer of an attempt repeats a failed one, the next attempt asks
afresh and sampled, without the failed answer.
"""

from __future__ import annotations

import contextvars
import hashlib
import json
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from interns.errors import ModelUnavailableError, TamperedError
from interns.agents.acceptance import AcceptanceResult, run_acceptance
from interns.agents.answer_form import AnswerForm, Previous, checked_contents
from interns.agents.docstring_checks import MAX_TOKENS as CHECKS_MAX_TOKENS, Checks, checks_command, checks_messages, checks_prefill, checks_stop, merge_checks, new_nonce, parse_checks, rank, read_results
from interns.agents.edit_block_form import EditBlockForm
from interns.agents.events import EventKind
from interns.agents.function_form import MAX_SUSPECT_FILES, FunctionForm, FunctionTarget, find_targets, python_files_in_scope, repo_definitions
from interns.agents.models.client import PromptTooLongError
from interns.agents.models.registry import supports_prefill
from interns.agents.outcome import TaskOutcome, TaskStatus, TierUsage
from interns.agents.prompts import failure_feedback
from interns.agents.run_context import RunContext
from interns.agents.tiers import ESCALATING_REASONS, Tier, task_tiers, unavailable
from interns.agents.token_counter import token_counter
from interns.sandbox.protocol import Sandbox, SandboxRequest
from interns.specs import Task
from interns.tools.context import failure_output_for
from interns.tools.edits import MalformedAnswer
from interns.tools.edits.apply import OutOfScopeError, write_contents
from interns.tools.edits.model import contents_fingerprint
from interns.tools.git_repo import task_branch

MAX_DIFF_CHARS = 20_000
REPAIR_SHARE = 4  # one sample in this many is shown the last failure (the rest are asked afresh)
FAILURES_UNKNOWN = 10**6  # an output that does not count its failed tests ranks last
SUMMARY_LINE = re.compile(r"\b\d+ (?:failed|passed|errors?)\b")
FAILED_COUNT = re.compile(r"\b(\d+) (?:failed|errors?)\b")


def failed_test_count(output: str) -> int:
    """How many tests failed (or errored), as the last pytest summary line of `output` counts them."""
    for line in reversed(output.splitlines()):
        if SUMMARY_LINE.search(line):
            return sum(int(number) for number in FAILED_COUNT.findall(line))
    return FAILURES_UNKNOWN


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
    best_failed: Previous | None = None  # the failing candidate closest to passing, for the next model
    best_failures: int = FAILURES_UNKNOWN
    tiers: list[TierUsage] = field(default_factory=list)
    solved_by: str | None = None
    # what the token budget counts: every completion, and each distinct prompt of an attempt once (a
    # best-of-N batch shares its prompt: the server computes it once, whatever N)
    budget_tokens: int = 0
    counted_prompts: set[tuple[int, str]] = field(default_factory=set)

    def count_tokens(self, attempt: int, messages: list[dict[str, str]], prompt_tokens: int, completion_tokens: int) -> None:
        key = (attempt, hashlib.sha256(json.dumps(messages, sort_keys=True).encode()).hexdigest())
        with self.lock:
            if key not in self.counted_prompts:
                self.counted_prompts.add(key)
                self.budget_tokens += prompt_tokens
            self.budget_tokens += completion_tokens

    def offer_failed(self, candidate: Previous) -> None:
        """Keep the failing candidate with the fewest failed tests (the later one on a tie)."""
        failures = failed_test_count(candidate.output)
        if failures <= self.best_failures:
            self.best_failed, self.best_failures = candidate, failures

    def update(self, add: dict[str, int | float], **fields: str | None) -> None:
        """Atomically add to the outcome's counters (`add`) and set its other fields."""
        with self.lock:
            out = self.outcome
            self.outcome = out.model_copy(update={**{name: getattr(out, name) + value for name, value in add.items()}, **fields})


@dataclass(frozen=True)
class _Passing:
    """A candidate of this attempt that passed the acceptance commands."""

    contents: dict[str, str]
    diff: str


class Intern:
    def __init__(self, context: RunContext, task: Task) -> None:
        self.context = context
        self.task = task
        self.tiers = task_tiers(context, task)
        first = self.tiers[0]
        self.model, self.best_of, self.attempts = first.model, first.best_of, first.attempts
        self._first_attempt_of_tier = 1
        self._starts_from_below = False  # this tier's first attempt repairs a lower tier's best candidate
        self._tier_index = 0  # the position of the working model in the cascade
        self._tier_limits: tuple[float, float] | None = None  # (budget tokens, monotonic time) the tier's share ends at
        self._baseline: AcceptanceResult | None = None  # the acceptance commands on the code as it is
        self._definitions: dict[str, list[str]] | None = None  # names the repository's modules define
        self._checks: dict[tuple[str, str, str], Checks] = {}  # (model, path, function) -> its docstring checks

    # -- the whole task ----------------------------------------------------------------------
    def run(self, base: str, carry: TaskOutcome | None = None) -> TaskOutcome:
        context, task = self.context, self.task
        branch = task_branch(context.run_id, task.id)
        done = self.finished_before(base, carry)
        if done is not None:  # a resumed run: this round finished before the process died
            return done
        outcome = self._fresh_outcome(base, carry)
        worktree = context.worktree_for(task.id)
        context.emit({"event": EventKind.TASK_STARTED, "task": task.id, "round": outcome.rounds, "base": base})
        progress = _Progress(outcome, time.monotonic())
        sandbox: Sandbox | None = None
        try:
            context.repo.add_worktree(worktree, branch, base, reset=True)
            sandbox = context.sandbox.start(
                SandboxRequest(worktree=worktree, run_id=context.run_id, task_id=task.id, limits=context.limits, setup=tuple(context.config.sandbox.setup) + task.setup, image=context.config.sandbox.image)
            )
            result = self._cascade(progress, worktree, sandbox, base)
        except _Stop as stop:
            result = progress.outcome.model_copy(update={"status": stop.status, "reason": stop.reason})
        except PromptTooLongError as error:
            result = progress.outcome.model_copy(update={"status": TaskStatus.FAILED, "reason": "prompt too long", "failing_output": str(error)})
        except TamperedError as error:  # a sandbox command replaced the worktree's .git: no git runs there again
            context.emit({"event": EventKind.TAMPERED, "task": task.id, "error": str(error)})
            result = progress.outcome.model_copy(update={"status": TaskStatus.FAILED, "reason": "tampered", "failing_output": str(error)})
        finally:
            if sandbox is not None:
                sandbox.stop()
            context.repo.remove_worktree(worktree)
        result = result.model_copy(update={"seconds": time.monotonic() - progress.started, "tiers": progress.tiers, "tier": progress.solved_by})
        context.emit({"event": EventKind.TASK_FINISHED, "task": task.id, "status": result.status.value, "reason": result.reason, "attempts": result.attempts, "tokens": result.tokens})
        return result

    def _fresh_outcome(self, base: str, carry: TaskOutcome | None) -> TaskOutcome:
        rounds = (carry.rounds if carry else 0) + 1
        return TaskOutcome(id=self.task.id, branch=task_branch(self.context.run_id, self.task.id), base_commit=base, rounds=rounds, carry_feedback=carry.carry_feedback if carry else None)

    def finished_before(self, base: str, carry: TaskOutcome | None = None) -> TaskOutcome | None:
        """The validated outcome when this round's commit is already on the task's branch (a resumed run
        whose process died after the commit), else None: the round has to run."""
        done = self._already_committed(task_branch(self.context.run_id, self.task.id), base)
        if done is None:
            return None
        return self._fresh_outcome(base, carry).model_copy(update={"status": TaskStatus.VALIDATED, "commit": done, "reason": None})

    def _already_committed(self, branch: str, base: str) -> str | None:
        repo = self.context.repo
        tip = repo.commit_of(f"refs/heads/{branch}")
        if tip is None or tip == base:
            return None
        message = repo.repo.commit(tip).message
        trailers = commit_trailers(self.context.run_id, self.task, base)
        return tip if trailers in message else None

    # -- the cascade -------------------------------------------------------------------------
    def _cascade(self, progress: _Progress, worktree: Path, sandbox: Sandbox, base: str) -> TaskOutcome:
        """Each model of the cascade in turn, the next one starting from the best failing candidate
        so far, until one's candidate passes or a stop that no other model can help (budget of tokens
        or seconds, a cancel) comes."""
        stop: _Stop | None = None
        for index, tier in enumerate(self.tiers):
            if index > 0:
                why = unavailable(tier.model, bool(self.context.models.replay_path))
                if why is not None:
                    self.context.emit({"event": EventKind.TIER_SKIPPED, "task": self.task.id, "model": tier.model, "reason": why})
                    continue
                self.context.emit({"event": EventKind.ESCALATED, "task": self.task.id, "model": tier.model, "tier": index + 1})
                # the next model reads the code as it is on the base, not the last candidate left there
                self.context.repo.reset_worktree(worktree, base)
            self.model, self.best_of, self.attempts, self._tier_index = tier.model, tier.best_of, tier.attempts, index
            before, started = progress.outcome, time.monotonic()
            self._tier_limits = (progress.budget_tokens + tier.share * self.task.budget.tokens, started + tier.share * self.task.budget.seconds) if tier.share < 1 else None
            try:
                result = self._attempts(progress, worktree, sandbox, base, progress.best_failed)
            except _Stop as error:
                progress.tiers.append(self._tier_usage(tier, before, progress.outcome, started, solved=False))
                if error.reason not in ESCALATING_REASONS:
                    raise
                stop = error
                continue
            progress.tiers.append(self._tier_usage(tier, before, result, started, solved=True))
            progress.solved_by = tier.model
            return result
        assert stop is not None  # the first tier always runs
        raise stop

    @staticmethod
    def _tier_usage(tier: Tier, before: TaskOutcome, after: TaskOutcome, started: float, solved: bool) -> TierUsage:
        return TierUsage(
            model=tier.model, attempts=after.attempts - before.attempts, answers=after.answers - before.answers,
            tokens=after.tokens - before.tokens, cost=round(after.cost - before.cost, 6), seconds=round(time.monotonic() - started, 3), solved=solved,
        )

    # -- attempts ----------------------------------------------------------------------------
    def _attempts(self, progress: _Progress, worktree: Path, sandbox: Sandbox, base: str, start: Previous | None = None) -> TaskOutcome:
        """One model's attempts (`self.model`, `self.best_of`, `self.attempts`); `start`: the failing
        candidate it begins from (a lower tier's best), or None."""
        task = self.task
        forms = self._choose_forms(progress, worktree, sandbox)
        form = forms[0]
        self.context.emit({"event": EventKind.CONTEXT, "task": task.id, "prompt_tokens": progress.outcome.prefix_tokens, "files": progress.outcome.context, "form": form.name})
        previous = start
        progress.repeats_in_row = 0
        self._first_attempt_of_tier = progress.outcome.attempts + 1
        # an escalated model answers the raw baseline's prompt first (models.plain_first), then repairs
        self._starts_from_below = start is not None and not form.plain_due
        for attempt in range(self._first_attempt_of_tier, self._first_attempt_of_tier + self.attempts):
            if len(forms) > 1:  # suspects of a bug tried in turn: each starts from the failure, not another's candidate
                form, previous = forms[(attempt - self._first_attempt_of_tier) % len(forms)], None
            self._check_budget(progress)
            progress.outcome = progress.outcome.model_copy(update={"attempts": attempt})
            self.context.emit({"event": EventKind.ATTEMPT, "task": task.id, "attempt": attempt})
            self.context.repo.reset_worktree(worktree, base)  # the samples' edits are planned on the base
            plain = form.plain_due  # this attempt asks the model's unaided answer, whatever came before
            candidates = self._ask_samples(progress, form, self._prompts(form, previous, attempt), attempt)
            candidates = self._validation_order(form, candidates)
            failed: Previous | None = None
            tried: set[str] = set()  # this attempt's candidates: a duplicate sample is not run twice
            repeated = fresh = 0
            passing: list[_Passing] = []  # ranked by docstring checks when more than one passes
            ranking = self._ranking_target(form)
            for sample, answer, contents in candidates:
                if contents is None:
                    continue
                fingerprint = contents_fingerprint(contents)
                if fingerprint in tried:
                    continue
                tried.add(fingerprint)
                if fingerprint in progress.seen:
                    repeated += 1
                    continue
                fresh += 1
                self.context.repo.reset_worktree(worktree, base)  # every candidate starts from the base
                try:
                    write_contents(worktree, contents)
                except MalformedAnswer as error:  # a path that cannot be written: this sample is refused
                    progress.update(add={"malformed_answers": 1}, failing_output=str(error), reason="malformed")
                    self.context.emit({"event": EventKind.MALFORMED, "task": task.id, "attempt": attempt, "error": str(error)})
                    continue
                self.context.emit({"event": EventKind.VALIDATING, "task": task.id, "attempt": attempt, "sample": sample})
                result = self._validate(progress, form, sandbox)
                diff = self._diff(worktree)
                if result.passed:
                    if ranking is not None and diff:
                        passing.append(_Passing(contents, diff))  # the others are validated too, then ranked
                        continue
                    commit = self.context.repo.commit_scope(worktree, task.files, self._commit_message(base))
                    if commit is None:
                        # the acceptance already passed without any change in scope
                        feedback = "Your answer changed nothing in the files you may change; the task needs a change."
                        progress.seen[fingerprint] = feedback
                        failed = failed or Previous(answer, form.candidate_code(answer), feedback, feedback)
                        continue
                    return self._validated(progress, attempt, commit, diff)
                output = failure_output_for(self.context.config.context)(result.output, self.context.config.feedback_chars)
                feedback = failure_feedback(result.command or "", result.exit_code, output)
                progress.seen[fingerprint] = feedback
                progress.outcome = progress.outcome.model_copy(update={"failing_output": f"$ {result.command}\n{output}", "diff": diff, "reason": "validation failed"})
                self.context.emit({"event": EventKind.ACCEPTANCE_FAILED, "task": task.id, "attempt": attempt, "command": result.command, "exit_code": result.exit_code, "output": output})
                candidate = Previous(answer, form.candidate_code(answer), output, feedback)
                failed = failed or candidate
                progress.offer_failed(candidate)
            if passing:
                chosen = self._rank_passing(progress, ranking, sandbox, worktree, base, passing, attempt) if len(passing) > 1 else passing[0]
                self.context.repo.reset_worktree(worktree, base)
                write_contents(worktree, chosen.contents)
                commit = self.context.repo.commit_scope(worktree, task.files, self._commit_message(base))
                assert commit is not None  # its diff in scope was not empty
                return self._validated(progress, attempt, commit, chosen.diff)
            # every usable answer repeated a failed one: the next attempt asks afresh, sampled, without
            # the failed answer in view (shown its own failure, a small model writes it once more)
            progress.repeats_in_row = progress.repeats_in_row + 1 if repeated and not fresh else 0
            previous = None if progress.repeats_in_row else ((progress.best_failed if plain else None) or failed or previous)
        reason = progress.outcome.reason
        if reason in ("malformed", "out_of_scope", None):
            raise _Stop(TaskStatus.FAILED, reason or "malformed")
        raise _Stop(TaskStatus.BUDGET_EXHAUSTED, "budget:attempts")

    def _validated(self, progress: _Progress, attempt: int, commit: str, diff: str) -> TaskOutcome:
        self.context.emit({"event": EventKind.VALIDATED, "task": self.task.id, "attempt": attempt, "commit": commit})
        return progress.outcome.model_copy(update={"status": TaskStatus.VALIDATED, "commit": commit, "diff": diff, "failing_output": None, "reason": None})

    def _ranking_target(self, form: AnswerForm) -> FunctionTarget | None:
        """The function whose docstring checks rank this attempt's passing candidates, or None: the first
        candidate that passes is committed (best-of-1 has nothing to rank; `models.docstring_checks` 0)."""
        if self.best_of == 1 or self.context.config.models.docstring_checks == 0:
            return None
        return form.checks_target()

    def _rank_passing(self, progress: _Progress, target: FunctionTarget, sandbox: Sandbox, worktree: Path, base: str, passing: list[_Passing], attempt: int) -> _Passing:
        """The passing candidate that passes most of the checks the model wrote from the target's
        docstring (docstring_checks.py); the first one when no usable check came."""
        try:
            checks = self._docstring_checks(progress, target, attempt)
            if not checks.tests:
                return passing[0]
            nonce = new_nonce()
            command = checks_command(target, checks, nonce)
            results: list[tuple[bool, ...] | None] = []
            for candidate in passing:
                self.context.repo.reset_worktree(worktree, base)
                write_contents(worktree, candidate.contents)
                output = self._run_checks(progress, sandbox, (command,)).output
                results.append(read_results(output, nonce, len(checks.tests)))
        except (_Stop, ModelUnavailableError, PromptTooLongError) as error:
            if isinstance(error, _Stop) and error.status is TaskStatus.CANCELLED:
                raise
            # the budget ran out or the model failed while ranking: a candidate that passes is not lost
            self.context.emit({"event": EventKind.RANKED, "task": self.task.id, "attempt": attempt, "candidates": len(passing), "checks": 0, "scores": [], "chosen": 1, "error": str(error)})
            return passing[0]
        order = rank(results)
        scores = [None if result is None else sum(result) for result in results]
        self.context.emit({"event": EventKind.RANKED, "task": self.task.id, "attempt": attempt, "candidates": len(passing), "checks": len(checks.tests), "scores": scores, "chosen": order[0] + 1})
        return passing[order[0]]

    def _docstring_checks(self, progress: _Progress, target: FunctionTarget, attempt: int) -> Checks:
        """The checks for `target`, asked once per task and model (greedy first, then sampled)."""
        key = (self.model, target.path, target.name)
        if key in self._checks:
            return self._checks[key]
        config = self.context.config
        prefill = supports_prefill(self.model, config.models.prefill)
        messages = checks_messages(target, prefill)
        prefill_text = checks_prefill(target) if prefill else None
        self._check_budget(progress)

        def ask(sample: int) -> Checks:
            reply = self.context.models.complete(
                self.model, messages, temperature=0.0 if sample == 1 else config.models.temperature, max_tokens=min(config.models.max_tokens, CHECKS_MAX_TOKENS),
                seed=attempt * 1000 + 900 + sample, meta={"run": self.context.run_id, "task": self.task.id, "attempt": attempt, "sample": sample, "purpose": "docstring checks"},
                prefill=prefill_text, stop=checks_stop() if prefill else None,
            )
            progress.update(add={"prompt_tokens": reply.prompt_tokens, "completion_tokens": reply.completion_tokens, "cost": reply.cost})
            progress.count_tokens(attempt, messages, reply.prompt_tokens, reply.completion_tokens)
            return parse_checks(reply.text, target.bare_name, prefill_text)

        samples = range(1, config.models.docstring_checks + 1)
        if len(samples) == 1 or self.context.models.replay_path:  # a hand-written cassette answers in turn
            found = [ask(sample) for sample in samples]
        else:  # asked at once, like the candidates: the server batches them
            with ThreadPoolExecutor(max_workers=len(samples), thread_name_prefix=f"checks-{self.task.id}") as pool:
                found = list(pool.map(lambda sample: contextvars.copy_context().run(ask, sample), samples))
        self._checks[key] = merge_checks(found)
        return self._checks[key]

    @staticmethod
    def _validation_order(form: AnswerForm, candidates: list[tuple[str, dict[str, str] | None]]) -> list[tuple[int, str, dict[str, str] | None]]:
        """The candidates as (sample number, answer, contents), in the order they are validated: the
        form's smallest change first where it has a preference (a bug fix), else sample order."""
        numbered = [(sample, answer, contents) for sample, (answer, contents) in enumerate(candidates, start=1)]
        sizes = {sample: form.change_size(contents) for sample, _, contents in numbered if contents is not None}
        if any(size is None for size in sizes.values()):
            return numbered
        return sorted(numbered, key=lambda item: sizes.get(item[0], 0))  # stable: sample order on a tie

    def _prompts(self, form: AnswerForm, previous: Previous | None, attempt: int) -> list[list[dict[str, str]]]:
        """Each sample's prompt. After a failure only some samples are shown it (a repair); the others
        are asked afresh. Shown its own failed code, a small model mostly writes it once more: in the
        dev split's best-of-8 repair attempts, 8 samples at temperature 0.7 held 1 to 5 distinct
        answers, where fresh samples held 8. At best-of-1 the attempts alternate repair and fresh."""
        if previous is None or form.plain_due:
            return form.fresh_prompts(self.best_of)
        repair = form.messages(previous)
        if self.best_of == 1:  # a tier that starts from a lower one's candidate starts with a repair
            turn = attempt - self._first_attempt_of_tier + (1 if self._starts_from_below else 0)
            return [repair] if turn % 2 else form.fresh_prompts(1)
        repairs = -(-self.best_of // REPAIR_SHARE)
        return [repair] * repairs + form.fresh_prompts(self.best_of - repairs)

    def _choose_forms(self, progress: _Progress, worktree: Path, sandbox: Sandbox) -> list[AnswerForm]:
        """The function form when the task lies inside one function (named by the spec, or pointed at by
        the failure: then the likeliest suspects, one per attempt), else edit blocks;
        `models.answer_form` can force either."""
        task, config = self.task, self.context.config
        count_tokens = token_counter(self.model)
        carry = progress.outcome.carry_feedback
        if config.models.answer_form != "edit-blocks" and 0 < python_files_in_scope(task, worktree) <= MAX_SUSPECT_FILES:
            targets = find_targets(task, worktree)
            failure: str | None = None
            if not targets or not targets[0].stub:
                # the code as it is, checked once: a bug fix shows the failing assertion, and a spec that
                # names no function is pointed at its suspects by the failure
                if self._baseline is None:  # once per task, whatever the number of models
                    self._baseline = self._run_checks(progress, sandbox, task.accept)
                failure = None if self._baseline.passed else self._baseline.output
                targets = targets or find_targets(task, worktree, failure)
            if targets:
                prefill = supports_prefill(self.model, config.models.prefill)
                if self._definitions is None:  # once per task: every suspect and every model shares it
                    self._definitions = repo_definitions(worktree)
                forms: list[AnswerForm] = [FunctionForm(task, target, worktree, count_tokens, prefill, self._definitions, failure, carry,
                                                             keep_behaviour=config.models.keep_behaviour, plain_first=config.models.plain_first, escalated=self._tier_index > 0)
                                            for target in targets]
                shown = {target.path: f"function {target.name}: the file around it, its tests" for target in reversed(targets)}
                progress.outcome = progress.outcome.model_copy(update={"context": shown, "prefix_tokens": count_tokens(forms[0].messages()[1]["content"])})
                return forms
        edit_form = EditBlockForm(task, worktree, count_tokens, config.models.prompt_tokens, config.context, carry)
        progress.outcome = progress.outcome.model_copy(update={"context": edit_form.context.files, "prefix_tokens": edit_form.context.prefix_tokens})
        return [edit_form]

    def _validate(self, progress: _Progress, form: AnswerForm, sandbox: Sandbox) -> AcceptanceResult:
        """Cheapest check first: the target's docstring examples, then the acceptance commands."""
        doctest = form.doctest_command()
        if doctest is not None:
            result = self._run_checks(progress, sandbox, (doctest,))
            if not result.passed:
                return replace(result, command="doctest of the function's docstring examples")
        return self._run_checks(progress, sandbox, self.task.accept)

    def _run_checks(self, progress: _Progress, sandbox: Sandbox, commands: tuple[str, ...]) -> AcceptanceResult:
        result = run_acceptance(sandbox, commands, self.context.config.sandbox.command_timeout_s, deadline=progress.started + self.task.budget.seconds)
        if result.out_of_time:  # the task's seconds ran out inside a command: a budget stop, not a failed attempt
            progress.outcome = progress.outcome.model_copy(update={"failing_output": f"$ {result.command}\n{result.output}"})
            raise _Stop(TaskStatus.BUDGET_EXHAUSTED, "budget:seconds")
        return result

    def _ask_samples(self, progress: _Progress, form: AnswerForm, prompts: list[list[dict[str, str]]], attempt: int) -> list[tuple[str, dict[str, str] | None]]:
        """The attempt's best-of-N candidates (`prompts`: each sample's), in sample order. Asked at once:
        a local server batches them and computes their common prompt once, a remote one answers them in
        parallel. Replaying a cassette asks them in order, since a hand-written cassette's entries answer
        in turn."""
        if self.best_of == 1 or self.context.models.replay_path:
            return [self._ask(progress, form, messages, attempt, sample) for sample, messages in enumerate(prompts, start=1)]
        with ThreadPoolExecutor(max_workers=self.best_of, thread_name_prefix=f"intern-{self.task.id}") as pool:
            # each thread runs in a copy of this context: LangGraph's stream writer and config live in context variables
            futures = [pool.submit(contextvars.copy_context().run, self._ask, progress, form, messages, attempt, sample) for sample, messages in enumerate(prompts, start=1)]
            return [future.result() for future in futures]  # re-raises a sample's stop (budget, cancel)

    def _ask(self, progress: _Progress, form: AnswerForm, messages: list[dict[str, str]], attempt: int, sample: int) -> tuple[str, dict[str, str] | None]:
        """One answer turned into the files it writes, re-asked (bounded, always sampled) while it is
        malformed: unparsable, outside the scope, not applicable, unchanged or not compiling."""
        task, config = self.task, self.context.config
        # only the very first answer is greedy, and the raw baseline's prompt (the model's unaided answer):
        # asked again (with its failure as feedback, or after a repeat), a small model's greedy answer is
        # mostly the same code once more
        first = attempt == self._first_attempt_of_tier and sample == 1
        temperature = 0.0 if first or form.greedy(messages) else config.models.temperature
        answer = ""
        for parse_try in range(config.max_parse_retries + 1):
            self._check_budget(progress)
            reply = self.context.models.complete(
                self.model, messages, temperature=temperature if parse_try == 0 else max(temperature, config.models.temperature), max_tokens=config.models.max_tokens,
                seed=attempt * 1000 + sample * 10 + parse_try, meta={"run": self.context.run_id, "task": task.id, "attempt": attempt, "sample": sample, "parse_try": parse_try},
                on_text=lambda text: self.context.emit({"event": EventKind.TOKEN, "task": task.id, "attempt": attempt, "sample": sample, "text": text}),
                prefill=form.prefill_text, stop=form.stop,
            )
            answer = reply.text
            progress.update(add={"answers": 1, "prompt_tokens": reply.prompt_tokens, "completion_tokens": reply.completion_tokens, "cost": reply.cost})
            progress.count_tokens(attempt, messages, reply.prompt_tokens, reply.completion_tokens)
            shown = (form.prefill_text or "") + answer  # people read the answer as the model's whole turn
            self.context.emit({"event": EventKind.ANSWER, "task": task.id, "attempt": attempt, "sample": sample, "text": shown, "prompt_tokens": reply.prompt_tokens, "completion_tokens": reply.completion_tokens, "seconds": reply.seconds})
            try:
                return answer, checked_contents(form, answer, self.context.worktree_for(task.id))
            except MalformedAnswer as error:
                progress.update(add={"malformed_answers": 1}, failing_output=str(error), reason="out_of_scope" if isinstance(error, OutOfScopeError) else "malformed")
                self.context.emit({"event": EventKind.MALFORMED, "task": task.id, "attempt": attempt, "error": str(error)})
                messages = form.reask(messages, answer, error)
        return answer, None

    def _check_budget(self, progress: _Progress) -> None:
        if self.context.cancellation.is_cancelled(self.task.id):
            raise _Stop(TaskStatus.CANCELLED, "cancelled")
        budget = self.task.budget
        if progress.budget_tokens >= budget.tokens:
            raise _Stop(TaskStatus.BUDGET_EXHAUSTED, "budget:tokens")
        if time.monotonic() - progress.started >= budget.seconds:
            raise _Stop(TaskStatus.BUDGET_EXHAUSTED, "budget:seconds")
        if self._tier_limits is not None and (progress.budget_tokens >= self._tier_limits[0] or time.monotonic() >= self._tier_limits[1]):
            raise _Stop(TaskStatus.BUDGET_EXHAUSTED, "budget:tier")  # this model's share is spent: the next one goes on

    def _commit_message(self, base: str) -> str:
        return f"{self.task.title}\n\nSpec: {self.task.source}\n\n{commit_trailers(self.context.run_id, self.task, base)}\n"

    def _diff(self, worktree: Path) -> str:
        """The attempt's change inside the task's scope, for people to read (host git never trusts the worktree)."""
        return self.context.repo.scope_diff(worktree, self.task.files)[:MAX_DIFF_CHARS]
