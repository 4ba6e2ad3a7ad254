"""The cascade: models a task escalates to when the one before has spent its share (`models.escalate`).

Each step names a model (any litellm string, `local/<name>` for a bundled one) and may set its own
best-of-N and attempts; a bigger model is slower, so an escalated step defaults to one sample and two
attempts. A step is written as a model string or as a table: `["local/qwen2.5-coder-1.5b"]` or
`[{model = "openai/gpt-4o-mini", best_of = 2, attempts = 1, share = 0.5}]`. Besides its attempts, a tier
ends when it has spent its share of the task's token and seconds budget (`share`; the intern model's is
`models.share` when a cascade follows), so a slow first tier cannot leave nothing to the next.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

ESCALATED_BEST_OF = 1
ESCALATED_ATTEMPTS = 2


class EscalationStep(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    model: str = Field(min_length=1)
    best_of: int = Field(default=ESCALATED_BEST_OF, ge=1, le=32)
    attempts: int = Field(default=ESCALATED_ATTEMPTS, ge=1, le=100)
    share: float = Field(default=1.0, gt=0, le=1, description="the part of the task's token and seconds budget this step may spend (1: all that is left)")

    @model_validator(mode="before")
    @classmethod
    def _plain_model_string(cls, value: object) -> object:
        return {"model": value} if isinstance(value, str) else value


def parse_escalate_flag(text: str) -> list[EscalationStep]:
    """`--escalate local/qwen2.5-coder-1.5b,openai/gpt-4o-mini` -> steps with their defaults."""
    return [EscalationStep(model=model.strip()) for model in text.split(",") if model.strip()]
