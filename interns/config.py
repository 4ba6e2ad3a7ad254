"""Project configuration: `[tool.interns]` in pyproject.toml, then `.interns/config.toml`, then flags."""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path
from typing import Any, Callable, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from interns.errors import BadInputError
from interns.escalation import EscalationStep
from interns.executor_choice import ExecutorBackend, executor_problem
from interns.sandbox_choice import SandboxBackend, sandbox_problem
from interns.state_location import state_problem

DEFAULT_LOCAL_MODEL = "local/qwen2.5-coder-0.5b"


class ModelsConfig(BaseModel):
    """Which model each role uses: any litellm model string, or `local/<name>` for the bundled engine."""

    model_config = ConfigDict(extra="forbid")

    intern: str = DEFAULT_LOCAL_MODEL
    planner: str = DEFAULT_LOCAL_MODEL
    timeout_s: float = Field(default=600, gt=0, description="per model call")
    retries: int = Field(default=2, ge=0, le=10, description="retries of transient model errors")
    max_tokens: int = Field(default=2048, ge=16, description="completion tokens per answer")
    prompt_tokens: int = Field(default=3000, ge=300, description="budget of the task context shown to the model")
    temperature: float = Field(default=0.7, ge=0, le=2, description="for samples after the first (greedy) one")
    answer_form: Literal["auto", "function", "edit-blocks"] = Field(
        default="auto",
        description="function: the model continues the target function's header (tasks inside one function); "
        "edit-blocks: whole files / SEARCH-REPLACE blocks; auto: function when the task has one target function",
    )
    escalate: list[EscalationStep] = Field(
        default_factory=list,
        description="models a task goes on with when the intern model has spent its attempts (the cascade), in order",
    )
    endpoints: dict[str, list[str]] = Field(
        default_factory=dict,
        description="several OpenAI-compatible servers (base URLs) for one model name: calls are spread by litellm's Router "
        "(least busy), a failing server is cooled down and its calls go to the others",
    )
    attempts_before_escalating: int = Field(
        default=1, ge=1, le=100,
        description="attempts the intern model gets when a cascade follows, unless --attempts or the spec's budget.attempts sets "
        "them: one quick try of the small model, then the bigger one (on the test split's function tasks 0.5B 1x1 -> 1.5B solved "
        "6/25 at 266 s per solved task, the 1.5B alone 4/25 at 388 s; with 3 attempts first the cascade did not pay for itself)",
    )
    share: float = Field(
        default=0.5, gt=0, le=1,
        description="the part of a task's token and seconds budget the intern model may spend when a cascade follows (the rest is the cascade's)",
    )
    # off by default: with the 0.5B on the dev split, a third to two thirds of its checks fail the reference
    # solutions, and waiting for them on a busy server cost up to 4x the task's seconds (bench_docstring_checks.py)
    docstring_checks: int = Field(
        default=0, ge=0, le=8,
        description="answers asked for tests written from the target function's docstring when several candidates of an attempt "
        "pass the acceptance commands: the one passing most of them is committed (0: the first candidate that passes)",
    )
    keep_behaviour: bool = Field(
        default=True,
        description="refuse a bug fix inside one function that no longer raises an exception the function raised, or no longer "
        "reads one of its parameters (unless the spec names it): small models pass a failing test that way",
    )
    plain_first: bool = Field(
        default=True,
        description="ask the first, greedy answer for a function to implement as plainly as the raw baseline (its signature and "
        "docstring alone), and a cascade's later model so first for bug fixes too (the failing output and the function), "
        "before it repairs the best failing candidate; the other samples and attempts are shown the file, the tests and the failures",
    )
    prefill: Literal["auto", "on", "off"] = Field(
        default="auto",
        description="start the model's answer with our text (assistant prefill); auto: on for local/ and anthropic/ models",
    )


def _checked(value: object, problem_of: Callable[[object], str | None], code: str) -> object:
    """`value` when `problem_of` finds nothing wrong with it, else a validation error with that message."""
    problem = problem_of(value)
    if problem is not None:
        raise PydanticCustomError(code, problem)
    return value


class SandboxConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    backend: SandboxBackend = "auto"
    image: str | None = None
    setup: list[str] = Field(default_factory=list)
    memory_mb: int = Field(default=2048, ge=64)
    pids: int = Field(default=512, ge=16)
    cpus: float = Field(default=1.0, gt=0)
    command_timeout_s: float = Field(default=300, gt=0)

    @field_validator("backend", mode="before")
    @classmethod
    def _known_backend(cls, value: object) -> object:
        return _checked(value, sandbox_problem, "sandbox_backend")  # the same check and message as every `--sandbox` flag


class ExecutorConfig(BaseModel):
    """Where interns run: threads of the `interns run` process, or Ray tasks on any node of a cluster.
    What each intern asks Ray for is here (Ray places a task only where these resources are free)."""

    model_config = ConfigDict(extra="forbid")

    backend: ExecutorBackend = "in-process"
    address: str | None = Field(default=None, description="the Ray cluster (host:port); RAY_ADDRESS and --ray-address win over it")
    num_cpus: float = Field(default=1.0, gt=0, description="CPUs Ray reserves for each intern")
    memory_mb: int | None = Field(default=None, ge=64, description="memory Ray reserves for each intern (default: sandbox.memory_mb)")
    resources: dict[str, float] = Field(
        default_factory=dict,
        description="custom Ray resources each intern needs, e.g. {docker = 1} to use only nodes started with --resources='{\"docker\": 64}'",
    )
    max_retries: int = Field(default=3, ge=0, le=20, description="times an intern whose worker or node died is run again elsewhere")

    @field_validator("backend", mode="before")
    @classmethod
    def _known_backend(cls, value: object) -> object:
        return _checked(value, executor_problem, "executor_backend")  # the `--executor` flag's check and message


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid")

    models: ModelsConfig = Field(default_factory=ModelsConfig)
    sandbox: SandboxConfig = Field(default_factory=SandboxConfig)
    executor: ExecutorConfig = Field(default_factory=ExecutorConfig)
    parallel: int = Field(default=2, ge=1, le=64)
    specs: list[str] = Field(default_factory=lambda: [".interns/specs"])
    max_parse_retries: int = Field(default=2, ge=0, le=10, description="re-asks after a malformed answer")
    max_merge_retries: int = Field(default=1, ge=0, le=10, description="re-runs after a conflict or post-merge failure")
    feedback_chars: int = Field(default=3000, ge=200, description="failing output kept for the next attempt")
    state: str = Field(
        default="sqlite",
        description="where runs are kept: sqlite (the embedded file in .interns/state) or postgres://user@host:port/db, "
        "shared by several machines so one resumes or watches a run another started (needs the postgres extra)",
    )
    context: Literal["focused", "whole"] = Field(
        default="focused",
        description="focused: in-scope files whole or as their relevant definitions within models.prompt_tokens, a repo map, "
        "trimmed failures; whole: every in-scope file whole and the failure's tail (the baseline focused is measured against)",
    )

    @field_validator("state")
    @classmethod
    def _known_state(cls, value: str) -> str:
        return _checked(value, state_problem, "state_location")  # type: ignore[return-value]


def _did_you_mean(key: str, known: list[str]) -> str:
    close = difflib.get_close_matches(key, known, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise BadInputError(f"{path}: bad TOML: {error}") from error


def _validate(data: dict[str, Any], source: str) -> Config:
    try:
        return Config.model_validate(data)
    except ValidationError as error:
        problems = []
        for detail in error.errors():
            loc = ".".join(str(part) for part in detail["loc"])
            if detail["type"] == "extra_forbidden":
                parent: type[BaseModel] = Config
                for part in detail["loc"][:-1]:
                    annotation = parent.model_fields[str(part)].annotation
                    parent = annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else parent
                known = sorted(parent.model_fields)
                problems.append(f"{source}: unknown key '{loc}'{_did_you_mean(str(detail['loc'][-1]), known)}")
            else:
                problems.append(f"{source}: {loc}: {detail['msg']}")
        raise BadInputError(f"invalid configuration in {source}", problems) from error


def load_config(repo: Path, overrides: dict[str, Any] | None = None) -> Config:
    """Merge pyproject's [tool.interns], .interns/config.toml and command-line overrides, validated."""
    data: dict[str, Any] = {}
    sources: list[str] = []
    pyproject = repo / "pyproject.toml"
    if pyproject.is_file():
        section = _read_toml(pyproject).get("tool", {}).get("interns", {})
        if section:
            _validate(section, f"{pyproject} [tool.interns]")
            data = _merge(data, section)
            sources.append(str(pyproject))
    config_file = repo / ".interns" / "config.toml"
    if config_file.is_file():
        section = _read_toml(config_file)
        _validate(section, str(config_file))
        data = _merge(data, section)
    if overrides:
        data = _merge(data, {key: value for key, value in overrides.items() if value is not None})
    return _validate(data, "command-line flags")
