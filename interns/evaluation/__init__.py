"""Evaluation: the project's own task set (bench/tasks) run through the real spine, scored by hidden tests."""

from interns.evaluation.harness import EvalOptions, EvalReport, evaluate_task, run_eval
from interns.evaluation.scoring import TaskResult, Totals, score, summarize
from interns.evaluation.spine import RunSettings
from interns.evaluation.taskset import EvalTask, load_taskset, select_tasks

__all__ = [
    "EvalOptions",
    "EvalReport",
    "EvalTask",
    "RunSettings",
    "TaskResult",
    "Totals",
    "evaluate_task",
    "load_taskset",
    "run_eval",
    "score",
    "select_tasks",
    "summarize",
]
