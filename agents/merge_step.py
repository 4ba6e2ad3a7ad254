"""Merge validated task branches into the run's integration branch, re-checked at the merged state.

After each merge, the acceptance commands of every task merged so far run again on the merged tree:
two changes that each pass alone can still break each other. A conflict or a post-merge failure
sends the task back for another round on the new base (bounded), with that context for its model.
"""

from __future__ import annotations

from interns.agents.acceptance import run_acceptance
from interns.agents.events import EventKind
from interns.agents.outcome import TaskOutcome, TaskStatus
from interns.agents.run_context import RunContext
from interns.sandbox.protocol import Sandbox, SandboxRequest
from interns.specs import Task
from interns.tools.context import failure_output_for
from interns.tools.git_repo import integration_branch

MERGE_TRAILER = "Interns-Merge:"


def merge_message(context: RunContext, task: Task) -> str:
    return f"Merge {task.id}: {task.title}\n\n{MERGE_TRAILER} {task.id}\nInterns-Run: {context.run_id}\n"


def conflict_feedback(files: list[str]) -> str:
    return (
        "Your previous change for this task conflicted with changes merged meanwhile by other tasks in: "
        + ", ".join(files)
        + ". The files shown now include those changes. Make your change again on top of them."
    )


def post_merge_feedback(command: str, output: str) -> str:
    return (
        "Your previous change passed alone, but after merging it with the other tasks' changes the acceptance "
        f"command `{command}` failed:\n```\n{output}\n```\nThe files shown now include the other changes. Make your change work with them."
    )


class MergeStep:
    def __init__(self, context: RunContext, tasks: dict[str, Task]) -> None:
        self.context = context
        self.tasks = tasks

    def ensure_integration_worktree(self, base: str) -> None:
        repo, worktree = self.context.repo, self.context.integration_worktree
        repo.ensure_branch(integration_branch(self.context.run_id), base)
        if not (worktree / ".git").exists():
            repo.add_worktree(worktree, integration_branch(self.context.run_id), base, reset=False)
        # a run killed mid-merge leaves a half-merged tree; the branch's last commit is the truth
        repo.reset_worktree(worktree, "HEAD")

    def run(self, outcomes: dict[str, TaskOutcome], merged_order: list[str], base: str) -> tuple[dict[str, TaskOutcome], list[str]]:
        """Merge every VALIDATED task in dependency order; returns changed outcomes and newly merged ids."""
        self.ensure_integration_worktree(base)
        changed: dict[str, TaskOutcome] = {}
        newly_merged: list[str] = []
        sandbox: Sandbox | None = None
        try:
            for task_id, task in self.tasks.items():
                outcome = outcomes.get(task_id)
                if outcome is None or outcome.status is not TaskStatus.VALIDATED or (task.review == "manual" and not outcome.approved):
                    continue
                if sandbox is None:
                    sandbox = self.context.sandbox.start(SandboxRequest(worktree=self.context.integration_worktree, run_id=self.context.run_id, task_id="_integration", limits=self.context.limits, setup=tuple(self.context.config.sandbox.setup), image=self.context.config.sandbox.image))
                changed[task_id] = self._merge_one(task, outcome, merged_order + newly_merged, sandbox)
                if changed[task_id].status is TaskStatus.MERGED:
                    newly_merged.append(task_id)
        finally:
            if sandbox is not None:
                sandbox.stop()
        return changed, newly_merged

    def _merge_one(self, task: Task, outcome: TaskOutcome, merged_before: list[str], sandbox: Sandbox) -> TaskOutcome:
        context = self.context
        repo, worktree = context.repo, context.integration_worktree
        head = repo.commit_of(f"refs/heads/{integration_branch(context.run_id)}")
        result = repo.merge(worktree, outcome.branch or "", merge_message(context, task))
        if not result.merged:
            context.emit({"event": EventKind.CONFLICT, "task": task.id, "files": result.conflicts})
            return self._send_back(outcome, TaskStatus.CONFLICTED, "conflict", conflict_feedback(result.conflicts), "conflicting files: " + ", ".join(result.conflicts))
        before = head
        if result.already_merged:  # resumed after a crash that followed the merge
            commit = repo.repo.commit(result.commit)
            if f"{MERGE_TRAILER} {task.id}" in commit.message and commit.parents:
                before = commit.parents[0].hexsha
        for checked_id in [*merged_before, task.id]:
            checked = self.tasks[checked_id]
            check = run_acceptance(sandbox, checked.accept, context.config.sandbox.command_timeout_s)
            if not check.passed:
                repo.reset_worktree(worktree, before or "HEAD")
                output = failure_output_for(context.config.context)(check.output, context.config.feedback_chars)
                context.emit({"event": EventKind.POST_MERGE_FAILED, "task": task.id, "checked": checked_id, "command": check.command, "output": output})
                return self._send_back(outcome, TaskStatus.FAILED, "post_merge_failed", post_merge_feedback(check.command or "", output), f"after merge, {checked_id}: $ {check.command}\n{output}")
        context.emit({"event": EventKind.MERGED, "task": task.id, "commit": result.commit})
        return outcome.model_copy(update={"status": TaskStatus.MERGED, "merge_commit": result.commit, "reason": None, "failing_output": None})

    def _send_back(self, outcome: TaskOutcome, final_status: TaskStatus, reason: str, feedback: str, failing_output: str) -> TaskOutcome:
        """Another round on the new base while the retry bound allows, else the final status."""
        if outcome.rounds <= self.context.config.max_merge_retries:
            return outcome.model_copy(update={"status": TaskStatus.PENDING, "reason": reason, "carry_feedback": feedback, "failing_output": failing_output})
        return outcome.model_copy(update={"status": final_status, "reason": reason, "failing_output": failing_output})
