"""What became of one task: the record that goes into the checkpointed state and the report."""

from __future__ import annotations

from pydantic import BaseModel

from interns.agents.task_status import TaskStatus


class TierUsage(BaseModel):
    """What one model of the cascade spent on a task, and whether its candidate was the one kept."""

    model: str
    attempts: int = 0
    answers: int = 0
    tokens: int = 0
    cost: float = 0.0
    seconds: float = 0.0
    solved: bool = False


class TaskOutcome(BaseModel):
    id: str
    status: TaskStatus = TaskStatus.PENDING
    reason: str | None = None
    attempts: int = 0
    answers: int = 0
    malformed_answers: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    seconds: float = 0.0
    branch: str | None = None
    base_commit: str | None = None
    commit: str | None = None
    merge_commit: str | None = None
    failing_output: str | None = None
    diff: str | None = None  # of the last attempt, for people to read
    context: dict[str, str] = {}  # path -> how much of it the model was shown
    prefix_tokens: int = 0  # prompt tokens of the part every attempt shares
    approved: bool = False  # a person approved the merge (review: manual)
    rounds: int = 0  # times the task was (re)started: after a conflict or post-merge failure
    carry_feedback: str | None = None  # why the previous round was sent back (conflict, post-merge failure)
    tier: str | None = None  # the model of the cascade whose candidate passed
    tiers: list[TierUsage] = []  # each model the task went through, in order

    @property
    def tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def add_usage(self, other: "TaskOutcome") -> "TaskOutcome":
        """Fold an earlier round's spending into this one (a re-run after a conflict)."""
        return self.model_copy(
            update={
                "attempts": self.attempts + other.attempts,
                "answers": self.answers + other.answers,
                "malformed_answers": self.malformed_answers + other.malformed_answers,
                "prompt_tokens": self.prompt_tokens + other.prompt_tokens,
                "completion_tokens": self.completion_tokens + other.completion_tokens,
                "cost": self.cost + other.cost,
                "seconds": self.seconds + other.seconds,
            }
        )
