"""Spec files: YAML front matter + Markdown body, validated with pydantic, checked with file:line errors."""

from interns.specs.model import Budget, SpecFile, TaskEntry
from interns.specs.task import Task
from interns.specs.loader import SpecProblem, load_specs, SpecSet

__all__ = ["Budget", "SpecFile", "TaskEntry", "Task", "SpecProblem", "SpecSet", "load_specs"]
