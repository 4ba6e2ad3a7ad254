"""The planner: splits a spec marked `decompose: true` into crisp tasks with the planner model.

The plan is a YAML list the model writes; it is validated like a spec's `tasks:` (ids, files within
the spec's scope, dependencies among the new tasks, no cycle). A plan that cannot be used falls back
to the spec as one task, so a weak planner never blocks a run.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from interns.agents.events import EventKind
from interns.agents.run_context import RunContext
from interns.globs import matches_any
from interns.specs import Task
from interns.specs.loader import find_cycle
from interns.specs.model import ID_PATTERN

PLANNER_PROMPT = """You split a software change into small, independent, crisp tasks for junior engineers.
Answer with a YAML list only, inside one ```yaml block. Each item has:
  id: short-name (letters, digits, '-')
  title: one line
  description: what exactly to do (2-4 sentences)
  files: [the files this task may change; only from the allowed list]
  depends_on: [ids of tasks in this list that must be done first]
  accept: [optional shell commands that prove this task done on its own]
Make 2 to {max_tasks} tasks. Tasks that touch the same file should depend on each other.
The spec's acceptance commands are checked after the last task."""


class PlannedTask(BaseModel):
    model_config = ConfigDict(extra="ignore")

    id: str
    title: str
    description: str = ""
    files: list[str] = Field(default_factory=list)
    depends_on: list[str] = Field(default_factory=list)
    accept: list[str] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _valid_id(cls, value: str) -> str:
        if not ID_PATTERN.match(value):
            raise ValueError(f"bad id {value!r}")
        return value


class PlanError(ValueError):
    pass


def parse_plan(answer: str, spec_task: Task) -> list[PlannedTask]:
    block = re.search(r"```(?:ya?ml)?\s*\n(.*?)```", answer, re.DOTALL)
    text = block.group(1) if block else answer
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise PlanError(f"the plan is not valid YAML: {error}") from error
    if not isinstance(data, list) or not data:
        raise PlanError("the plan must be a non-empty YAML list of tasks")
    try:
        planned = [PlannedTask.model_validate(item) for item in data]
    except ValidationError as error:
        raise PlanError(f"a planned task is invalid: {error.errors()[0]['msg']}") from error
    ids = [task.id for task in planned]
    if len(set(ids)) != len(ids):
        raise PlanError("the plan repeats a task id")
    for task in planned:
        outside = [path for path in task.files if not matches_any(path, spec_task.files)]
        if outside or not task.files:
            raise PlanError(f"task {task.id}: files must be a non-empty subset of {list(spec_task.files)}")
        unknown = [dep for dep in task.depends_on if dep not in ids]
        if unknown:
            raise PlanError(f"task {task.id}: unknown dependency {unknown}")
    return planned


def expand_tasks(spec_task: Task, planned: list[PlannedTask]) -> list[Task]:
    """The spec's tasks after planning, each with the spec's budget and dependencies.

    A planned task is checked by its own `accept` commands (or, lacking any, by the import-free
    `true`); the last one waits for all the others and must also pass the spec's acceptance, so
    the spec as a whole is verified before its final merge.
    """
    tasks = []
    ids = [f"{spec_task.id}/{item.id}" for item in planned]
    for index, item in enumerate(planned):
        last = index == len(planned) - 1
        depends = [f"{spec_task.id}/{dep}" for dep in item.depends_on] + (ids[:-1] if last else [])
        accept = tuple(item.accept) + (tuple(spec_task.accept) if last else ())
        tasks.append(
            spec_task.model_copy(
                update={
                    "id": ids[index],
                    "title": item.title,
                    "description": spec_task.description + "\n## This task\n" + item.description.strip() + "\n",
                    "files": tuple(item.files),
                    "accept": accept or ("true",),
                    "depends_on": tuple(dict.fromkeys([*spec_task.depends_on, *depends])),
                    "decompose": False,
                }
            )
        )
    if find_cycle(tasks):
        raise PlanError("the plan's dependencies form a cycle")
    return tasks


def plan_tasks(context: RunContext, tasks: dict[str, dict[str, Any]], max_tasks: int = 5) -> tuple[dict[str, dict[str, Any]], list[dict[str, Any]]]:
    """Replace every `decompose: true` task by its planned tasks; returns (tasks, events)."""
    events: list[dict[str, Any]] = []
    result: dict[str, dict[str, Any]] = {}
    replaced: dict[str, list[str]] = {}
    for task_id, data in tasks.items():
        task = Task.model_validate(data)
        if not task.decompose:
            result[task_id] = data
            continue
        messages = [
            {"role": "system", "content": PLANNER_PROMPT.format(max_tasks=max_tasks)},
            {"role": "user", "content": f"# Split this spec: {task.title}\n\n{task.description.strip()}\n\nAllowed files: {', '.join(task.files)}\nAcceptance commands (run after every task): {'; '.join(task.accept)}"},
        ]
        answer = context.models.complete(context.config.models.planner, messages, temperature=0.0, max_tokens=context.config.models.max_tokens, meta={"run": context.run_id, "plan": task_id})
        try:
            planned = expand_tasks(task, parse_plan(answer.text, task))
        except PlanError as error:
            events.append({"event": EventKind.PLAN_FAILED, "task": task_id, "error": str(error)})
            result[task_id] = task.model_copy(update={"decompose": False}).model_dump(mode="json")
            continue
        events.append({"event": EventKind.PLANNED, "task": task_id, "tasks": [item.id for item in planned]})
        replaced[task_id] = [item.id for item in planned]
        for item in planned:
            result[item.id] = item.model_dump(mode="json")
    # whoever depended on a decomposed spec now depends on all of its tasks
    for task_id, data in result.items():
        deps: list[str] = []
        for dep in data.get("depends_on", []):
            deps += replaced.get(dep, [dep])
        data["depends_on"] = list(dict.fromkeys(deps))
    return result, events
